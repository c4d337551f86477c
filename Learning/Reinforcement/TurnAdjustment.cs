using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// The shared shape of turn-level terms laid over any estimator's advantages (penalties, shaping): an amount per turn
/// added to its advantage, in new arrays (the inputs are kept), after checking that the advantages match the turns.
/// </summary>
internal static class TurnAdjustment
{
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, Func<Trajectory, IReadOnlyList<double>> amounts) =>
        Apply(trajectories, advantages, (trajectory, _) => amounts(trajectory));

    /// <summary>As above, for terms that depend on the advantages a turn already has (its sign, say).</summary>
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, Func<Trajectory, double[], IReadOnlyList<double>> amounts)
    {
        if (trajectories.Count != advantages.Count)
        {
            throw new ArgumentException($"{advantages.Count} advantage arrays for {trajectories.Count} trajectories.", nameof(advantages));
        }

        var adjusted = new double[advantages.Count][];
        for (var i = 0; i < advantages.Count; i++)
        {
            var turns = trajectories[i].Turns;
            if (advantages[i].Length != turns.Count)
            {
                throw new ArgumentException($"Trajectory {i} has {turns.Count} turns but {advantages[i].Length} advantages.", nameof(advantages));
            }

            adjusted[i] = (double[])advantages[i].Clone();
            var added = amounts(trajectories[i], advantages[i]);
            for (var t = 0; t < turns.Count; t++)
            {
                adjusted[i][t] += added[t];
            }
        }

        return adjusted;
    }

    /// <summary>A fixed <paramref name="penalty"/> off the advantage of every turn a rule picks out.</summary>
    public static IReadOnlyList<double[]> Penalise(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages, double penalty, Func<Trajectory, IReadOnlyList<bool>> penalisedTurns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(penalty);
        return Apply(trajectories, advantages, trajectory => penalisedTurns(trajectory).Select(picked => picked ? -penalty : 0).ToArray());
    }
}
