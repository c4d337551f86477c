using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Keeps only a share of the estimator's negative advantage on the turns that brought their episode closer to the goal
/// (<see cref="Turn.Progress"/> above 0, by the environment's own estimate), before any turn-level term. An outcome
/// estimator blames every turn of a failure alike, yet a failure of thirty turns is mostly steps toward the object
/// followed by one wrong pick-up or a drop in the wrong place; the same steps in the group's successes are pushed up,
/// so blaming them in its failures mostly cancels what the successes teach. With the share at 0 a failure is blamed
/// only for the turns that stood still, turned, or moved away. <see cref="NegativeAdvantageScaling"/> shrinks every
/// negative advantage; this shrinks only the ones a step toward the goal did not deserve. Environments that estimate
/// no distance record no progress, so nothing is spared there.
/// </summary>
public static class ProgressingTurnBlame
{
    /// <summary>The advantages with each negative one on a turn that made progress multiplied by <paramref name="kept"/> (new arrays; the inputs are kept).</summary>
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, double kept)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kept);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kept, 1);
        return TurnAdjustment.Apply(trajectories, advantages, (trajectory, own) =>
            trajectory.Turns.Select((turn, t) => own[t] < 0 && turn.Progress > 0 ? (kept - 1) * own[t] : 0).ToArray());
    }
}
