using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime;

/// <summary>
/// Activates only on silos started with <paramref name="role"/> (e.g. "learner" on a GPU machine), picked at random among
/// them. With no such silo the call fails with <see cref="NoSiloForRoleException"/>, unless
/// <see cref="FallBackToAnySilo"/> lets the grain go anywhere.
/// </summary>
public sealed class SiloRolePlacementAttribute(string role) : PlacementAttribute
{
    public string Role { get; } = role;

    /// <summary>Place the grain on any active silo when none has the role (instead of failing).</summary>
    public bool FallBackToAnySilo { get; init; }

    internal override PlacementStrategy Strategy => PlacementStrategy.ForRole(Role, FallBackToAnySilo);
}
