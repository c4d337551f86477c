using AgentRL.Runtime.GrainDirectory;
using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Placement;

/// <summary>Picks the silo for a new activation from the active silos of a <see cref="ClusterView"/>.</summary>
internal static class PlacementDirector
{
    /// <summary>
    /// The silo that should activate <paramref name="grainId"/>; <paramref name="view"/>'s own silo is the caller (a
    /// client's call is placed by its gateway), left out while it shuts down (<paramref name="selfTakesActivations"/>).
    /// Silos in <paramref name="avoid"/> (refused a connection since the last view) are passed over while others remain.
    /// </summary>
    public static SiloAddress Place(
        GrainId grainId, PlacementStrategy strategy, ClusterView view, bool selfTakesActivations = true, IReadOnlyCollection<SiloAddress>? avoid = null)
    {
        if (strategy is PlacementStrategy.KeyedBySiloStrategy)
        {
            var silo = SiloAddress.Parse(grainId.Key);
            return view.IsAlive(silo) ? silo : throw new SiloUnavailableException($"Silo {silo} is not alive in the cluster.");
        }

        IReadOnlyList<SiloAddress> active = selfTakesActivations ? view.Active : [.. view.Active.Where(s => s != view.Self)];
        if (avoid is { Count: > 0 } && active.Any(s => !avoid.Contains(s)) && strategy is not PlacementStrategy.HashBasedStrategy)
        {
            active = [.. active.Where(s => !avoid.Contains(s))];
        }

        if (active.Count == 0)
        {
            throw new SiloUnavailableException($"No active silo can activate {grainId}.");
        }

        switch (strategy)
        {
            case PlacementStrategy.PreferLocalStrategy when selfTakesActivations && view.IsActive(view.Self):
                return view.Self;
            case PlacementStrategy.HashBasedStrategy:
                return active[(int)(StableHash.Of(grainId) % (ulong)active.Count)];
            case PlacementStrategy.SiloRoleStrategy role:
                var candidates = view.ActiveWithRole(role.Role).Where(active.Contains).ToList();
                if (candidates.Count > 0)
                {
                    return candidates[System.Random.Shared.Next(candidates.Count)];
                }

                if (!role.FallBackToAnySilo)
                {
                    throw new NoSiloForRoleException(
                        $"{grainId} must run on a silo with the role '{role.Role}', and none of the {active.Count} active silos has it. " +
                        $"Start one with that role (agentrl silo --role {role.Role}, or AgentRL:Silo:Roles).");
                }

                break;
        }

        return active[System.Random.Shared.Next(active.Count)];
    }
}
