using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime;

/// <summary>
/// Activates on the silo of the first caller when it is active (a client's call counts as its gateway's), so a grain
/// that one other grain talks to constantly (an episode's environment) sits beside it and costs no network hop.
/// </summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.PreferLocal;
}
