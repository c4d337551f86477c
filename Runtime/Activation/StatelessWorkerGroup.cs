namespace AgentRL.Runtime.Activation;

/// <summary>
/// The local activations of one stateless-worker grain id. A call goes to an idle activation if there is one, to a
/// new activation while under the limit, and otherwise to the least loaded.
/// </summary>
internal sealed class StatelessWorkerGroup(int maxActivations, Func<ActivationData> create)
{
    private readonly object _gate = new();
    private readonly List<ActivationData> _activations = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _activations.Count;
            }
        }
    }

    public ActivationData Pick()
    {
        ActivationData? created = null;
        ActivationData? best = null;
        lock (_gate)
        {
            var bestLoad = int.MaxValue;
            foreach (var activation in _activations)
            {
                var load = activation.Load;
                if (load < bestLoad && !activation.IsGone)
                {
                    best = activation;
                    bestLoad = load;
                }
            }

            if (best is null || (bestLoad > 0 && _activations.Count < maxActivations))
            {
                created = create();
                _activations.Add(created);
            }
        }

        if (created is not null)
        {
            created.EnsureActivationStarted();
            return created;
        }

        return best!;
    }

    public void Remove(ActivationData activation)
    {
        lock (_gate)
        {
            _activations.Remove(activation);
        }
    }

    public ActivationData[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _activations];
        }
    }
}
