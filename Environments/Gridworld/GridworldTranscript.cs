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
    public const string Carrying = "You are carrying ";

    /// <summary>The object a feedback line names after <paramref name="prefix"/> ("You drop the red ball." gives "red ball").</summary>
    public static string? Object(string feedback, string prefix) =>
        feedback.StartsWith(prefix, StringComparison.Ordinal) && feedback.EndsWith('.') ? feedback[prefix.Length..^1] : null;

    /// <summary>
    /// The line of an observation that starts with <paramref name="prefix"/>, without its closing full stop (a tokenizer
    /// may join that to the line break after it).
    /// </summary>
    public static string? Line(string observation, string prefix) =>
        observation.Split('\n').FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal))?.TrimEnd('.');
}
