using AgentRL.Learning.Rollout;

namespace AgentRL.Learning.Reinforcement.Igpo;

/// <summary>IGPO's settings (shared/ALGORITHMS.md).</summary>
public sealed record IgpoOptions
{
    /// <summary>γ of the turn-level accumulation Ã_t = Σ_{k≥t} γ^{k−t} ř_k.</summary>
    public double Discount { get; init; } = 0.95;

    /// <summary>The answer turn's reward when the episode ends without a well-formed answer (missing or malformed).</summary>
    public double FormatPenalty { get; init; } = -1.0;

    /// <summary>
    /// ε of the group-joint normalisation ř = (r − mean) / (std + ε). The reference value is tiny; a larger one keeps a
    /// group whose turn rewards barely differ (every rollout failed and the ground truth stayed improbable throughout)
    /// from having that noise scaled up to unit-sized advantages.
    /// </summary>
    public double Epsilon { get; init; } = GroupBaselines.Epsilon;

    /// <summary>How an answer action starts: the ground truth is scored after it, and a last turn starting with it is the answer turn.</summary>
    public string AnswerPrefix { get; init; } = GroundTruthProbe.DefaultAnswerPrefix;

    public void Validate()
    {
        if (Discount is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Discount), Discount, "γ must be in [0, 1].");
        }

        if (FormatPenalty > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FormatPenalty), FormatPenalty, "A penalty cannot be positive.");
        }

        if (Epsilon <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be positive.");
        }

        if (string.IsNullOrWhiteSpace(AnswerPrefix))
        {
            throw new ArgumentException("The answer prefix is empty.", nameof(AnswerPrefix));
        }
    }
}
