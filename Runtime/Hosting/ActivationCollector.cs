using AgentRL.Runtime.Activation;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>Deactivates activations that stayed idle for the collection age, once per collection quantum.</summary>
internal sealed class ActivationCollector(Catalog catalog, IOptions<GrainCollectionOptions> options, TimeProvider time) : IDisposable
{
    private ITimer? _timer;

    public void Start()
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = time.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, quantum, quantum);
    }

    public int Collect() => catalog.CollectIdle(options.Value.CollectionAge);

    public void Dispose() => _timer?.Dispose();
}
