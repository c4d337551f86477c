using AgentRL.Learning.Policy;

namespace AgentRL.Learning.Reinforcement;

/// <summary>The advantage estimators a run can name, and how a name and its settings become one.</summary>
public static class AdvantageEstimators
{
    public const string Grpo = "grpo";

    public const string Gigpo = "gigpo";

    public const string Oprl = "oprl";

    public static IReadOnlyList<string> Names { get; } = [Grpo, Gigpo, Oprl];

    /// <summary>Whether the estimator learns a model of its own (<see cref="ILearnedAdvantageEstimator"/>): create it with <see cref="CreateLearned"/>.</summary>
    public static bool IsLearned(string name) => name == Oprl;

    /// <param name="stepDiscount">GiGPO's γ.</param>
    /// <param name="stepWeight">GiGPO's ω.</param>
    public static IAdvantageEstimator Create(string name, bool scaleByStd = true, double stepDiscount = 0.95, double stepWeight = 1.0) => name switch
    {
        Grpo => new GrpoAdvantageEstimator(scaleByStd),
        Gigpo => new GigpoAdvantageEstimator(stepDiscount, stepWeight, scaleByStd),
        Oprl => throw new ArgumentException($"'{Oprl}' learns a process reward model from the policy: create it with {nameof(CreateLearned)}.", nameof(name)),
        _ => throw new ArgumentException($"Unknown algorithm '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// A learned estimator for <paramref name="policy"/>: restored from <paramref name="savedIn"/> (what
    /// <see cref="ILearnedAdvantageEstimator.Save"/> wrote there) or, when that is null, initialised from the policy.
    /// </summary>
    public static ILearnedAdvantageEstimator CreateLearned(string name, PolicyModel policy, int paddingToken, OprlOptions? oprl = null, string? savedIn = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        oprl ??= new OprlOptions();
        return name switch
        {
            Oprl => new OprlAdvantageEstimator(
                savedIn is null ? ImplicitProcessRewardModel.InitialisedFrom(policy, oprl, paddingToken) : ImplicitProcessRewardModel.Load(savedIn, oprl, paddingToken),
                oprl),
            _ => throw new ArgumentException($"'{name}' does not learn a model; create it with {nameof(Create)}.", nameof(name)),
        };
    }
}
