using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// The shared shape of turn-level penalties laid over any estimator's advantages: a fixed amount off the advantage of
/// every turn a rule picks out, in new arrays (the inputs are kept), after checking that the advantages match the turns.
/// </summary>
internal static class TurnPenalty
{
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, double penalty, Func<Trajectory, IReadOnlyList<bool>> penalisedTurns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(penalty);
        if (trajectories.Count != advantages.Count)
        {
            throw new ArgumentException($"{advantages.Count} advantage arrays for {trajectories.Count} trajectories.", nameof(advantages));
        }

        var penalised = new double[advantages.Count][];
        for (var i = 0; i < advantages.Count; i++)
        {
            var turns = trajectories[i].Turns;
            if (advantages[i].Length != turns.Count)
            {
                throw new ArgumentException($"Trajectory {i} has {turns.Count} turns but {advantages[i].Length} advantages.", nameof(advantages));
            }

            penalised[i] = (double[])advantages[i].Clone();
            var picked = penalisedTurns(trajectories[i]);
            for (var t = 0; t < turns.Count; t++)
            {
                if (picked[t])
                {
                    penalised[i][t] -= penalty;
                }
            }
        }

        return penalised;
    }
}
