namespace AgentRL.Runtime.Placement;

/// <summary>How a cluster picks the silo for a new activation; see the public placement attributes.</summary>
internal abstract record PlacementStrategy
{
    public static PlacementStrategy Random { get; } = new RandomStrategy();

    public static PlacementStrategy PreferLocal { get; } = new PreferLocalStrategy();

    public static PlacementStrategy HashBased { get; } = new HashBasedStrategy();

    /// <summary>The runtime's own per-silo services: the grain key names the silo.</summary>
    public static PlacementStrategy KeyedBySilo { get; } = new KeyedBySiloStrategy();

    public static PlacementStrategy ForRole(string role, bool fallBackToAnySilo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new SiloRoleStrategy(role, fallBackToAnySilo);
    }

    internal sealed record RandomStrategy : PlacementStrategy;

    internal sealed record PreferLocalStrategy : PlacementStrategy;

    internal sealed record HashBasedStrategy : PlacementStrategy;

    internal sealed record KeyedBySiloStrategy : PlacementStrategy;

    internal sealed record SiloRoleStrategy(string Role, bool FallBackToAnySilo) : PlacementStrategy;
}
