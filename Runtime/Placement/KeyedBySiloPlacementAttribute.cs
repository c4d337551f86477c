namespace AgentRL.Runtime.Placement;

/// <summary>For the runtime's own per-silo grains: the grain's key is the address of the silo it runs on.</summary>
internal sealed class KeyedBySiloPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.KeyedBySilo;
}
