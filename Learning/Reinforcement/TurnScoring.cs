using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Scores many (context, continuation) pairs in length-grouped batches under a padded-token budget (as the trainer
/// batches them), one value per pair in the given order; a pair with an empty continuation scores 0.
/// </summary>
internal static class TurnScoring
{
    /// <summary>Each turn's action after its context.</summary>
    public static double[] Score(IReadOnlyList<Turn> turns, int tokenBudget, Func<IReadOnlyList<int[]>, IReadOnlyList<int[]>, double[]> score) =>
        Score(turns.Select(t => t.ContextTokens).ToList(), turns.Select(t => t.ActionTokens).ToList(), tokenBudget, score);

    public static double[] Score(IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> continuations, int tokenBudget, Func<IReadOnlyList<int[]>, IReadOnlyList<int[]>, double[]> score)
    {
        var result = new double[contexts.Count];
        var scored = Enumerable.Range(0, contexts.Count).Where(i => continuations[i].Length > 0).ToList();
        foreach (var batch in PolicyTrainer.MiniBatches(scored.Select(i => contexts[i].Length + continuations[i].Length).ToList(), tokenBudget))
        {
            var rows = batch.Select(b => scored[b]).ToList();
            var values = score(rows.Select(i => contexts[i]).ToList(), rows.Select(i => continuations[i]).ToList());
            for (var r = 0; r < rows.Count; r++)
            {
                result[rows[r]] = values[r];
            }
        }

        return result;
    }
}
