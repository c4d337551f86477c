using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement.Igpo;

/// <summary>
/// IGPO (shared/ALGORITHMS.md): turn-level credit from information gain, for environments with a ground truth. With
/// P_t the probability the policy gave the ground truth at the start of turn t (<see cref="Trajectory.GroundTruthLogProbs"/>,
/// the exponentiated mean log-prob), a tool turn earns r_t = P_{t+1} − P_t; the last turn earns the episode's score when
/// it is a well-formed answer (the search tool's score is the answer's F1) and the format penalty otherwise. All turn
/// rewards of a group are normalised together, then each turn's advantage is the discounted sum of its rollout's
/// normalised rewards from that turn on.
/// </summary>
public sealed class IgpoAdvantageEstimator : IDiagnosingAdvantageEstimator
{
    private readonly IgpoOptions _options;

    public IgpoAdvantageEstimator(IgpoOptions? options = null)
    {
        _options = options ?? new IgpoOptions();
        _options.Validate();
    }

    public string Name => AdvantageEstimators.Igpo;

    public IgpoOptions Options => _options;

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rewards = group.Select(t => TurnRewards(t, _options)).ToList();
        var normalised = GroupBaselines.MeanStdNormalised(rewards.SelectMany(r => r).ToList(), _options.Epsilon);
        var next = 0;
        return rewards.Select(r => Discounting.Returns(normalised[next..(next += r.Length)], _options.Discount)).ToList();
    }

    /// <summary>The raw turn rewards of one rollout: information gains for the tool turns, then the answer's reward.</summary>
    public static double[] TurnRewards(Trajectory trajectory, IgpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(options);
        var turns = trajectory.Turns;
        if (turns.Count == 0)
        {
            return [];
        }

        var probabilities = AnswerProbabilities(trajectory);
        var rewards = new double[turns.Count];
        for (var t = 0; t < turns.Count - 1; t++)
        {
            rewards[t] = probabilities[t + 1] - probabilities[t];
        }

        rewards[^1] = IsAnswer(turns[^1], options.AnswerPrefix) ? trajectory.Score : options.FormatPenalty;
        return rewards;
    }

    /// <summary>Whether a turn gave a well-formed answer: a valid action that starts with the answer prefix.</summary>
    public static bool IsAnswer(Turn turn, string answerPrefix)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Valid && turn.Action.TrimStart().StartsWith(answerPrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Per update: <c>igpo_information_gain</c>, the mean gain over tool turns; <c>igpo_answer_probability_start</c> and
    /// <c>igpo_answer_probability_end</c>, the mean P at the first and the last turn; <c>igpo_format_failures</c>, the share of
    /// rollouts that ended without a well-formed answer.
    /// </summary>
    public IReadOnlyDictionary<string, double> Diagnose(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var rollouts = groups.SelectMany(g => g).Where(t => t.Turns.Count > 0).ToList();
        var probabilities = rollouts.Select(AnswerProbabilities).ToList();
        var gains = probabilities.SelectMany(p => p.Zip(p.Skip(1), (before, after) => after - before)).ToList();
        return new Dictionary<string, double>
        {
            ["igpo_information_gain"] = gains.DefaultIfEmpty(0).Average(),
            ["igpo_answer_probability_start"] = probabilities.Select(p => p[0]).DefaultIfEmpty(0).Average(),
            ["igpo_answer_probability_end"] = probabilities.Select(p => p[^1]).DefaultIfEmpty(0).Average(),
            ["igpo_format_failures"] = rollouts.Select(t => IsAnswer(t.Turns[^1], _options.AnswerPrefix) ? 0.0 : 1.0).DefaultIfEmpty(0).Average(),
        };
    }

    private static double[] AnswerProbabilities(Trajectory trajectory)
    {
        if (trajectory.GroundTruthLogProbs is not { } logProbs)
        {
            throw new InvalidOperationException(trajectory.GroundTruth is null
                ? $"IGPO needs a ground truth, and environment '{trajectory.Environment}' exposes none: use it on an environment that does (the search tool) or pick another algorithm."
                : "IGPO needs every turn scored against the ground truth; these rollouts were played without it (score them with GroundTruthProbe, or run episodes with an answer prefix).");
        }

        return logProbs.Length == trajectory.Turns.Count
            ? logProbs.Select(Math.Exp).ToArray()
            : throw new ArgumentException($"The rollout has {trajectory.Turns.Count} turns but {logProbs.Length} ground-truth scores.", nameof(trajectory));
    }
}
