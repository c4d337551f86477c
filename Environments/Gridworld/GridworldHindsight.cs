namespace AgentRL.Environments.Gridworld;

/// <summary>
/// Hindsight missions for the gridworld: an episode whose first pick-up takes an object its mission does not name is,
/// up to that turn, a success of "pick up the" that object. Reading the mission is what a policy that picks up
/// whatever stands in front of it has not learned; the relabelled episode differs from its original only there.
/// </summary>
public sealed class GridworldHindsight(GridworldOptions options) : IHindsightRelabeller
{
    private const string MissionPrefix = "Mission: ";
    private const string PickedUpPrefix = "You pick up the ";

    public HindsightGoal? Relabel(IReadOnlyList<string> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0 || MissionLine(observations[0]) is not { } missionLine)
        {
            return null;
        }

        for (var turn = 0; turn < observations.Count; turn++)
        {
            var feedback = FirstLine(observations[turn]);
            if (!feedback.StartsWith(PickedUpPrefix, StringComparison.Ordinal) || !feedback.EndsWith('.'))
            {
                continue;
            }

            var picked = feedback[PickedUpPrefix.Length..^1];
            // Only the first pick-up counts: after it the episode is about what it carries.
            return missionLine.Contains($"the {picked}", StringComparison.Ordinal)
                ? null
                : new HindsightGoal(turn, missionLine, $"{MissionPrefix}pick up the {picked}", 1 - 0.9 * (turn + 1) / options.EffectiveStepLimit);
        }

        return null;
    }

    // Without its closing full stop: a tokenizer may join that to the line break after it.
    private static string? MissionLine(string observation) =>
        observation.Split('\n').FirstOrDefault(line => line.StartsWith(MissionPrefix, StringComparison.Ordinal))?.TrimEnd('.');

    private static string FirstLine(string observation) =>
        observation.IndexOf('\n') is var end and >= 0 ? observation[..end] : observation;
}
