namespace AgentRL.Environments.Gridworld;

/// <summary>
/// The phrases that open the lines of a gridworld observation: written by the environment and its view, read back by
/// <see cref="GridworldHindsight"/>, so the two cannot drift apart.
/// </summary>
internal static class GridworldTranscript
{
    public const string Mission = "Mission: ";
    public const string View = "You see: ";
    public const string PickedUp = "You pick up the ";
    public const string Dropped = "You drop the ";
}
