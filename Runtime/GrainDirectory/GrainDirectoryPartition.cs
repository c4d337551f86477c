using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.GrainDirectory;

/// <summary>
/// This silo's share of the grain directory: for the grain ids the ring gives it, which silo holds the one activation.
/// Registration is first-come: a silo asking to register a grain that a live silo already holds is told that silo
/// instead, which is what keeps a grain to one activation in the cluster.
/// </summary>
internal sealed class GrainDirectoryPartition
{
    private readonly Dictionary<GrainId, SiloAddress> _entries = [];
    private readonly object _gate = new();

    /// <summary>
    /// Records <paramref name="candidate"/> as the silo of <paramref name="grainId"/> unless a silo that
    /// <paramref name="isAlive"/> accepts holds it already; returns the silo that holds it now.
    /// </summary>
    public SiloAddress Register(GrainId grainId, SiloAddress candidate, Func<SiloAddress, bool> isAlive)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(grainId, out var holder) && (holder == candidate || isAlive(holder)))
            {
                return holder;
            }

            _entries[grainId] = candidate;
            return candidate;
        }
    }

    /// <summary>Forgets the entry if <paramref name="silo"/> still holds it (a newer registration elsewhere stays).</summary>
    public void Unregister(GrainId grainId, SiloAddress silo)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(grainId, out var holder) && holder == silo)
            {
                _entries.Remove(grainId);
            }
        }
    }

    public SiloAddress? Lookup(GrainId grainId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(grainId, out var holder) ? holder : null;
        }
    }

    /// <summary>
    /// Drops entries held by silos that are no longer alive, and hands back the entries of live silos that the ring now
    /// gives to another silo (the caller passes them on to their new owners).
    /// </summary>
    public List<KeyValuePair<GrainId, SiloAddress>> Prune(ClusterView view)
    {
        var moved = new List<KeyValuePair<GrainId, SiloAddress>>();
        lock (_gate)
        {
            foreach (var entry in _entries.ToList())
            {
                var alive = view.IsAlive(entry.Value);
                var owned = !view.Ring.IsEmpty && view.Ring.Owner(entry.Key) == view.Self;
                if (!alive || !owned)
                {
                    _entries.Remove(entry.Key);
                    if (alive && !view.Ring.IsEmpty)
                    {
                        moved.Add(entry);
                    }
                }
            }
        }

        return moved;
    }
}
