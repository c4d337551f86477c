using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;

namespace AgentRL.Learning.Evaluation;

/// <summary>
/// Measures how much probability a model puts on expert actions at states where the expert's action is known (the
/// expert's own states: <see cref="DemonstrationCollector"/> without noise, or the same walked through an environment
/// grain). When the sequence-level figures are tiny, no credit assignment has anything to credit: the base model is too
/// weak to explore from.
/// </summary>
public static class Coverage
{
    private const int BatchSize = 64;

    public static readonly int[] HitKs = [1, 8, 64];

    public static CoverageReport Measure(PolicyModel model, int paddingToken, IReadOnlyList<Demonstration> states, double temperature = 1.0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0 || states.Any(s => s.Action.Length == 0))
        {
            throw new ArgumentException("Coverage needs at least one state, and an expert action of at least one token at each.", nameof(states));
        }

        var tokens = new List<double>();
        var actions = new List<double>(states.Count);
        foreach (var batch in states.Chunk(BatchSize))
        {
            var scores = TeacherForcing.Score(model, batch.Select(s => s.Context).ToList(), batch.Select(s => s.Action).ToList(), temperature, paddingToken);
            foreach (var score in scores)
            {
                tokens.AddRange(score.LogProbs.Select(lp => Math.Exp(lp)));
                actions.Add(Math.Exp(score.LogProbs.Sum(lp => (double)lp)));
            }
        }

        return new CoverageReport(states.Count, tokens.Count, CoverageDistribution.Of(tokens), CoverageDistribution.Of(actions),
            HitKs.Select(k => (k, actions.Average(p => 1 - Math.Pow(1 - p, k)))).ToList());
    }
}
