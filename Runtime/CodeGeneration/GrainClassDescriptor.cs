using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime.CodeGeneration;

/// <summary>A grain class as the runtime sees it; built by generated code.</summary>
public sealed class GrainClassDescriptor(
    Type grainClass,
    string grainType,
    Type[] interfaces,
    bool reentrant,
    int statelessWorkerMaxLocal,
    Func<IServiceProvider, IGrainActivationContext, Grain> create)
{
    public Type GrainClass { get; } = grainClass;

    /// <summary>The type name used in grain ids and storage keys.</summary>
    public string GrainType { get; } = grainType;

    /// <summary>The keyed grain interfaces this class implements.</summary>
    public IReadOnlyList<Type> Interfaces { get; } = interfaces;

    public bool Reentrant { get; } = reentrant;

    /// <summary>-1 for an ordinary grain; otherwise the stateless-worker limit (0: one per processor).</summary>
    public int StatelessWorkerMaxLocal { get; } = statelessWorkerMaxLocal;

    public bool IsStatelessWorker => StatelessWorkerMaxLocal >= 0;

    /// <summary>Where a cluster activates this class's grains (its <see cref="PlacementAttribute"/>; random without one).</summary>
    internal PlacementStrategy Placement { get; } =
        (grainClass.GetCustomAttributes(typeof(PlacementAttribute), inherit: true).FirstOrDefault() as PlacementAttribute)?.Strategy ?? PlacementStrategy.Random;

    /// <summary>Whether activations are registered in the cluster's grain directory (not stateless workers, not per-silo system grains).</summary>
    internal bool UsesDirectory => !IsStatelessWorker && Placement is not PlacementStrategy.KeyedBySiloStrategy;

    /// <summary>Constructs the grain, resolving its constructor's services and persistent states.</summary>
    public Func<IServiceProvider, IGrainActivationContext, Grain> Create { get; } = create;

    public override string ToString() => GrainType;
}
