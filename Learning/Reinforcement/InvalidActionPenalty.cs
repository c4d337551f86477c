using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// A turn-level format penalty on top of any estimator: each turn whose action the environment rejected has its
/// advantage lowered by a fixed amount. Outcome-only estimators compare scores, in which an invalid action costs nothing
/// but a wasted step, so nothing holds back a drift towards malformed text; once it starts, the rejection messages are
/// observations the base never saw and the drift feeds itself (measured on the gridworld at lr 5e-4: rejected actions
/// rose from 0.6% to 7% of turns within 17 iterations). The penalty also reaches groups whose outcomes all agree, which
/// otherwise carry no gradient, but only at the rejected turns.
/// </summary>
public static class InvalidActionPenalty
{
    /// <summary>The advantages with <paramref name="penalty"/> taken off every invalid turn (new arrays; the inputs are kept).</summary>
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, double penalty) =>
        TurnAdjustment.Penalise(trajectories, advantages, penalty, trajectory => trajectory.Turns.Select(turn => !turn.Valid).ToArray());
}
