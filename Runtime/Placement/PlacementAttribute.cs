using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime;

/// <summary>
/// Where a cluster activates a grain class's grains (Orleans' placement attributes). Without one a grain is placed on a
/// random active silo; stateless workers always run on their caller's silo.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class PlacementAttribute : Attribute
{
    internal abstract PlacementStrategy Strategy { get; }
}
