using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime;

/// <summary>Activates on an active silo picked at random: spreads many grains over the cluster (the default).</summary>
public sealed class RandomPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.Random;
}
