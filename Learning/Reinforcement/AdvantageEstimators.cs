namespace AgentRL.Learning.Reinforcement;

/// <summary>The advantage estimators a run can name, and how a name and its settings become one.</summary>
public static class AdvantageEstimators
{
    public const string Grpo = "grpo";

    public const string Gigpo = "gigpo";

    public static IReadOnlyList<string> Names { get; } = [Grpo, Gigpo];

    /// <param name="stepDiscount">GiGPO's γ.</param>
    /// <param name="stepWeight">GiGPO's ω.</param>
    public static IAdvantageEstimator Create(string name, bool scaleByStd = true, double stepDiscount = 0.95, double stepWeight = 1.0) => name switch
    {
        Grpo => new GrpoAdvantageEstimator(scaleByStd),
        Gigpo => new GigpoAdvantageEstimator(stepDiscount, stepWeight, scaleByStd),
        _ => throw new ArgumentException($"Unknown algorithm '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
