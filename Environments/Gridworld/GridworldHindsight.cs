namespace AgentRL.Environments.Gridworld;

/// <summary>
/// Hindsight missions for the gridworld. Up to its first pick-up, an episode that took an object its mission does not
/// name succeeded at "pick up the" that object; up to a drop that left the object it carried next to another, where
/// the mission did not ask for that pair, it succeeded at "put the" one "next to the" other. A relabelled episode
/// differs from its original only in the mission's words.
/// </summary>
public sealed class GridworldHindsight(GridworldOptions options, GridworldHindsightGoals goals = GridworldHindsightGoals.PickUp) : IHindsightRelabeller
{
    // Where an object lies next to the cell in front, the one a drop fills: beyond it, and on either side of it.
    private static readonly string[] NextToTheCellInFront = [.. new (int Forward, int Lateral)[] { (2, 0), (1, -1), (1, 1) }.Select(cell => " " + GridView.Where(cell.Forward, cell.Lateral))];

    public HindsightGoal? Relabel(IReadOnlyList<string> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0 || GridworldTranscript.Line(observations[0], GridworldTranscript.Mission) is not { } missionLine)
        {
            return null;
        }

        var pickedUp = false;
        for (var turn = 0; turn < observations.Count; turn++)
        {
            var lines = observations[turn].Split('\n');
            var feedback = lines[0];
            if (!pickedUp && GridworldTranscript.Object(feedback, GridworldTranscript.PickedUp) is { } picked)
            {
                // Only the first pick-up counts: after it the episode is about what it carries.
                pickedUp = true;
                if (goals.HasFlag(GridworldHindsightGoals.PickUp) && !missionLine.Contains($"the {picked}", StringComparison.Ordinal))
                {
                    return Goal(turn, missionLine, $"pick up the {picked}");
                }
            }

            if (goals.HasFlag(GridworldHindsightGoals.PutNext) && GridworldTranscript.Object(feedback, GridworldTranscript.Dropped) is { } dropped &&
                Neighbour(lines) is { } neighbour && missionLine != $"{GridworldTranscript.Mission}put the {dropped} next to the {neighbour}")
            {
                return Goal(turn, missionLine, $"put the {dropped} next to the {neighbour}");
            }
        }

        return null;
    }

    private HindsightGoal Goal(int turn, string missionLine, string mission) =>
        new(turn, missionLine, GridworldTranscript.Mission + mission, GridworldEnvironment.SuccessScore(turn + 1, options.EffectiveStepLimit));

    /// <summary>The nearest listed ball, key or box next to the cell in front (the dropped object itself lies in it).</summary>
    private static string? Neighbour(string[] lines)
    {
        var view = lines.FirstOrDefault(line => line.StartsWith(GridworldTranscript.View, StringComparison.Ordinal));
        foreach (var item in view is null ? [] : view[GridworldTranscript.View.Length..].TrimEnd('.').Split("; "))
        {
            var where = NextToTheCellInFront.FirstOrDefault(w => item.EndsWith(w, StringComparison.Ordinal));
            if (where is not null && item.StartsWith("a ", StringComparison.Ordinal) && item[2..^where.Length] is var name &&
                (name.EndsWith(" ball", StringComparison.Ordinal) || name.EndsWith(" key", StringComparison.Ordinal) || name.EndsWith(" box", StringComparison.Ordinal)))
            {
                return name;
            }
        }

        return null;
    }
}
