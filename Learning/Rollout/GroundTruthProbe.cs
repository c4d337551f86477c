using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Rollout;

/// <summary>
/// IGPO's measurement: how likely the policy finds the ground-truth answer at the start of each turn. The answer is
/// teacher-forced after the turn's context and a fixed answer prefix (the start of the action that gives an answer,
/// "answer[" on the search tool); the value is the mean log-prob of the answer's tokens (no gradient). A turn's context
/// already holds the previous turn's tool result, so entry 0 is the prompt alone and entry t+1 minus entry t is what
/// turn t taught the policy. The last turn's outcome needs no entry: the episode is over.
/// </summary>
public sealed class GroundTruthProbe(BpeTokenizer tokenizer, string answerPrefix = GroundTruthProbe.DefaultAnswerPrefix)
{
    public const string DefaultAnswerPrefix = "answer[";

    public string AnswerPrefix { get; } = answerPrefix;

    /// <summary>
    /// The prefix's tokens and the answer's. The two are encoded together, as the policy would write the whole action, so
    /// the answer's tokens are the ones it would sample; should the tokenizer merge across the boundary, separately.
    /// </summary>
    public (int[] Prefix, int[] Answer) Encode(string groundTruth)
    {
        if (string.IsNullOrWhiteSpace(groundTruth))
        {
            throw new ArgumentException("An empty ground truth cannot be scored.", nameof(groundTruth));
        }

        var prefix = tokenizer.Encode(AnswerPrefix);
        var whole = tokenizer.Encode(AnswerPrefix + groundTruth);
        var answer = whole.AsSpan().StartsWith(prefix) ? whole[prefix.Length..] : tokenizer.Encode(groundTruth);
        return (prefix, answer);
    }

    /// <summary>The rows to teacher-force: each context followed by the answer prefix, and the answer as the continuation.</summary>
    public (IReadOnlyList<int[]> Contexts, IReadOnlyList<int[]> Answers) Rows(IReadOnlyList<int[]> contexts, string groundTruth)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var (prefix, answer) = Encode(groundTruth);
        return (contexts.Select(c => (int[])[.. c, .. prefix]).ToList(), contexts.Select(_ => answer).ToList());
    }

    /// <summary>Mean log-prob of the answer at the start of each turn of <paramref name="contexts"/> (turns' context tokens), scored by <paramref name="model"/>.</summary>
    public double[] MeanLogProbs(PolicyModel model, IReadOnlyList<int[]> contexts, string groundTruth, int tokenBudget = 16384)
    {
        var (rows, answers) = Rows(contexts, groundTruth);
        return TurnScoring.Score(rows, answers, tokenBudget, (c, a) => Score(model, c, a));
    }

    /// <summary>
    /// The trajectories with <see cref="Trajectory.GroundTruthLogProbs"/> filled in, every turn of every one scored in
    /// shared length-grouped batches; those without a ground truth come back as they were.
    /// </summary>
    public IReadOnlyList<Trajectory> Score(PolicyModel model, IReadOnlyList<Trajectory> trajectories, int tokenBudget = 16384)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var contexts = new List<int[]>();
        var answers = new List<int[]>();
        foreach (var trajectory in trajectories.Where(t => t.GroundTruth is not null))
        {
            var (rows, answer) = Rows(trajectory.Turns.Select(turn => turn.ContextTokens).ToList(), trajectory.GroundTruth!);
            contexts.AddRange(rows);
            answers.AddRange(answer);
        }

        var values = TurnScoring.Score(contexts, answers, tokenBudget, (c, a) => Score(model, c, a));
        var next = 0;
        return trajectories.Select(t => t.GroundTruth is null ? t : t with { GroundTruthLogProbs = values[next..(next += t.Turns.Count)] }).ToList();
    }

    /// <summary>The mean of a row's per-token log-probs.</summary>
    public static double MeanLogProb(IReadOnlyList<float> logProbs) =>
        logProbs.Count > 0 ? logProbs.Average(p => (double)p) : throw new ArgumentException("No answer tokens were scored.", nameof(logProbs));

    private double[] Score(PolicyModel model, IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> answers) =>
        TeacherForcing.Score(model, contexts, answers, 1.0, tokenizer.Special.Padding).Select(s => MeanLogProb(s.LogProbs)).ToArray();
}
