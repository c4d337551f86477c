namespace AgentRL.Runtime;

/// <summary>
/// Allows several activations of one grain id on a silo, created on demand up to <see cref="MaxLocalWorkers"/>
/// and picked by load. Stateless workers are never persisted and stay local to their caller.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>The most activations per silo; 0 means one per processor.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}
