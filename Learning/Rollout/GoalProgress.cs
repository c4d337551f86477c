namespace AgentRL.Learning.Rollout;

/// <summary>
/// Follows an episode's distance to its goal (<see cref="Environments.IGoalDistance"/>) turn by turn: how many steps
/// closer each action brought it, and how many turns have passed since it was last closer than ever before.
/// </summary>
public sealed class GoalProgress(double? startDistance)
{
    private double? _distance = startDistance;
    private double? _closest = startDistance;

    /// <summary>Turns since the distance last fell below every earlier one (0 while there is no distance).</summary>
    public int TurnsSinceCloser { get; private set; }

    /// <summary>Records the distance after a step; returns how many steps closer it came (0 where either is unknown).</summary>
    public double Record(double? distance)
    {
        var progress = (_distance - distance) ?? 0;
        _distance = distance;
        if (distance is { } known)
        {
            (_closest, TurnsSinceCloser) = _closest is null || known < _closest ? (known, 0) : (_closest, TurnsSinceCloser + 1);
        }

        return progress;
    }

    /// <summary>Whether the episode has gone <paramref name="stallTurns"/> turns without coming closer than ever before.</summary>
    public bool Stalled(int stallTurns) => TurnsSinceCloser >= stallTurns;
}
