using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Scores many turns' (context, action) pairs in length-grouped batches under a padded-token budget (as the trainer
/// batches them), one value per turn in the given order; a turn that wrote no action tokens scores 0.
/// </summary>
internal static class TurnScoring
{
    public static double[] Score(IReadOnlyList<Turn> turns, int tokenBudget, Func<IReadOnlyList<int[]>, IReadOnlyList<int[]>, double[]> score)
    {
        var result = new double[turns.Count];
        var scored = Enumerable.Range(0, turns.Count).Where(i => turns[i].ActionTokens.Length > 0).ToList();
        foreach (var batch in PolicyTrainer.MiniBatches(scored.Select(i => turns[i].ContextTokens.Length + turns[i].ActionTokens.Length).ToList(), tokenBudget))
        {
            var rows = batch.Select(b => scored[b]).ToList();
            var values = score(rows.Select(i => turns[i].ContextTokens).ToList(), rows.Select(i => turns[i].ActionTokens).ToList());
            for (var r = 0; r < rows.Count; r++)
            {
                result[rows[r]] = values[r];
            }
        }

        return result;
    }
}
