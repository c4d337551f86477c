namespace AgentRL.Learning.Evaluation;

/// <summary>
/// A model's coverage of expert actions on a split: per token (the probability of each expert token given the context
/// and the expert tokens before it) and per whole action (their product: how likely one sample is the expert's action).
/// <see cref="HitProbabilities"/> gives, for a few k, the mean chance that k samples contain the expert action: how many
/// sampling-oracle calls exploration from this model needs.
/// </summary>
public sealed record CoverageReport(
    int States,
    int Tokens,
    CoverageDistribution TokenLevel,
    CoverageDistribution SequenceLevel,
    IReadOnlyList<(int K, double Probability)> HitProbabilities);
