using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// A turn-level penalty on going round in circles: each accepted action that leads back to a state the episode has
/// already been in has its advantage lowered by a fixed amount. A state is its cell key with the observation the action
/// brought, since a cell key may leave out what the agent changed (a gridworld's key says where the agent stands and
/// what it carries, not where it dropped an object). The start is not counted: its observation is not kept. A reactive policy
/// that errs at one state (picking up an object the mission does not name, walking into a wall) repeats the error
/// every time it returns there, and the episode fails as a whole, often with every rollout of its group failing alike,
/// which gives an outcome-only estimator nothing to learn from. The penalty lands on the repeating turns themselves,
/// whose contexts are the erring state's, so it reaches those groups too. Rejected actions are left to
/// <see cref="InvalidActionPenalty"/>, and turns without a cell key (environments that expose none) are never counted.
/// </summary>
public static class RevisitPenalty
{
    /// <summary>The advantages with <paramref name="penalty"/> taken off every turn that returned to a visited state (new arrays; the inputs are kept).</summary>
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, double penalty) =>
        TurnAdjustment.Penalise(trajectories, advantages, penalty, Revisits);

    /// <summary>For each turn, whether its accepted action led to a state the episode had been in before.</summary>
    public static bool[] Revisits(Trajectory trajectory)
    {
        var visited = new HashSet<(string CellKey, string Observation)>();
        var revisits = new bool[trajectory.Turns.Count];
        for (var t = 0; t < revisits.Length; t++)
        {
            var turn = trajectory.Turns[t];
            if (turn.CellKey.Length == 0)
            {
                continue;
            }

            revisits[t] = !visited.Add((turn.CellKey, turn.Observation)) && turn.Valid;
        }

        return revisits;
    }
}
