using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime;

/// <summary>Activates on the silo a stable hash of the grain id picks among the active silos: every silo picks the same one.</summary>
public sealed class HashBasedPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.HashBased;
}
