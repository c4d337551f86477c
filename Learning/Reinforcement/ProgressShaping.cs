using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Turn-level shaping from the environment's own distance to the goal (<see cref="AgentRL.Environments.IGoalDistance"/>):
/// each turn's advantage gains a weight times the steps its action brought the episode closer (<see cref="Turn.Progress"/>),
/// and loses as much for each step it moved away. An outcome-only estimator gives every turn of an episode the same
/// advantage, so the one step that walked away from the drop spot weighs like the twenty that walked to it; this term
/// tells them apart, and reaches groups whose outcomes all agree. The progress of an episode's turns sums to how much
/// closer its last state is than its first, so a detour that comes back nets nothing. Rejected actions change nothing
/// and gain nothing.
/// </summary>
public static class ProgressShaping
{
    /// <summary>The advantages with <paramref name="weight"/> × each turn's progress added (new arrays; the inputs are kept).</summary>
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, double weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        return TurnAdjustment.Apply(trajectories, advantages, trajectory => trajectory.Turns.Select(turn => weight * turn.Progress).ToArray());
    }
}
