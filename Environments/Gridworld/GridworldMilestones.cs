namespace AgentRL.Environments.Gridworld;

/// <summary>
/// The milestones of a gridworld mission, read from an episode's transcript. Every mission's first is seeing its target.
/// "Pick up the X, then go to the goal" adds picking X up and then seeing the goal while carrying it; "put the X next to
/// the Y" adds picking X up and then seeing Y while carrying it. Each counts once reached, whatever happens after.
/// </summary>
public sealed class GridworldMilestones : IMilestoneReader
{
    private const string Then = ", then go to the goal";
    private const string NextTo = " next to the ";

    public double Progress(IReadOnlyList<string> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0 || GridworldTranscript.Line(observations[0], GridworldTranscript.Mission) is not { } missionLine ||
            Milestones(missionLine[GridworldTranscript.Mission.Length..]) is not var (target, next))
        {
            return 0;
        }

        var count = next is null ? 1 : 3;
        var reached = 0;
        foreach (var observation in observations)
        {
            var carrying = GridworldTranscript.Line(observation, GridworldTranscript.Carrying) == $"{GridworldTranscript.Carrying}a {target}";
            // One turn may pass several: an episode that starts facing its target picks it up on its first.
            while (reached < count && Holds(reached, observation, carrying, target, next))
            {
                reached++;
            }
        }

        return (double)reached / (count + 1);
    }

    private static bool Holds(int milestone, string observation, bool carrying, string target, string? next) => milestone switch
    {
        0 => carrying || InView(observation, target),
        1 => carrying,
        _ => carrying && InView(observation, next!),
    };

    /// <summary>The mission's target, and for two-part missions what is to be seen while carrying it; null if unknown.</summary>
    private static (string Target, string? Next)? Milestones(string mission)
    {
        if (mission.StartsWith("put the ", StringComparison.Ordinal) && mission.IndexOf(NextTo, StringComparison.Ordinal) is var at and > 0)
        {
            return (mission["put the ".Length..at], mission[(at + NextTo.Length)..]);
        }

        if (mission.StartsWith("pick up the ", StringComparison.Ordinal))
        {
            var target = mission["pick up the ".Length..];
            return target.EndsWith(Then, StringComparison.Ordinal) ? (target[..^Then.Length], "goal") : (target, null);
        }

        foreach (var prefix in (string[])["go to the ", "open the "])
        {
            if (mission.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (mission[prefix.Length..], null);
            }
        }

        return null;
    }

    /// <summary>Whether the observation's view lists the object ("red ball", "blue door", "goal") anywhere.</summary>
    private static bool InView(string observation, string noun) =>
        GridworldTranscript.Line(observation, GridworldTranscript.View) is { } view &&
        view[GridworldTranscript.View.Length..].Split("; ").Any(item => $" {item} ".Contains($" {noun} ", StringComparison.Ordinal));
}
