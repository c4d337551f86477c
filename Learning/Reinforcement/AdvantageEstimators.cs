using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement.Archer;
using AgentRL.Learning.Reinforcement.Igpo;
using AgentRL.Learning.Reinforcement.Ppo;

namespace AgentRL.Learning.Reinforcement;

/// <summary>The advantage estimators a run can name, and how a name and its settings become one.</summary>
public static class AdvantageEstimators
{
    public const string Grpo = "grpo";

    public const string Ppo = "ppo";

    public const string Gigpo = "gigpo";

    public const string Igpo = "igpo";

    public const string Oprl = "oprl";

    public const string Archer = "archer";

    public static IReadOnlyList<string> Names { get; } = [Grpo, Ppo, Gigpo, Igpo, Oprl, Archer];

    /// <summary>Whether the estimator learns a model of its own (<see cref="ILearnedAdvantageEstimator"/>): create it with <see cref="CreateLearned"/>.</summary>
    public static bool IsLearned(string name) => name is Ppo or Oprl or Archer;

    /// <summary>Whether the estimator needs each rollout's turns scored against the environment's ground truth (<see cref="Rollout.GroundTruthProbe"/>).</summary>
    public static bool NeedsGroundTruth(string name) => name is Igpo;

    /// <param name="stepDiscount">GiGPO's γ.</param>
    /// <param name="stepWeight">GiGPO's ω.</param>
    /// <param name="igpo">IGPO's settings.</param>
    /// <param name="reward">What GRPO compares within a group; the other estimators take only the score.</param>
    public static IAdvantageEstimator Create(string name, bool scaleByStd = true, double stepDiscount = 0.95, double stepWeight = 1.0, IgpoOptions? igpo = null, EpisodeReward reward = EpisodeReward.Score) => name switch
    {
        _ when reward != EpisodeReward.Score && name != Grpo => throw new ArgumentException($"Only {Grpo} compares a reward other than the score, not '{name}'.", nameof(reward)),
        Grpo => new GrpoAdvantageEstimator(scaleByStd, reward),
        Gigpo => new GigpoAdvantageEstimator(stepDiscount, stepWeight, scaleByStd),
        Igpo => new IgpoAdvantageEstimator(igpo),
        Ppo or Oprl or Archer => throw new ArgumentException($"'{name}' learns a model of its own from the policy: create it with {nameof(CreateLearned)}.", nameof(name)),
        _ => throw new ArgumentException($"Unknown algorithm '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// A learned estimator for <paramref name="policy"/>: restored from <paramref name="savedIn"/> (what
    /// <see cref="ILearnedAdvantageEstimator.Save"/> wrote there) or, when that is null, initialised from the policy.
    /// <paramref name="sampling"/> is how the run samples actions (its padding token; ArCHer samples fresh actions).
    /// </summary>
    public static ILearnedAdvantageEstimator CreateLearned(
        string name, PolicyModel policy, SamplingOptions sampling, OprlOptions? oprl = null, ArcherOptions? archer = null, string? savedIn = null, ValueBaselineOptions? ppo = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sampling);
        switch (name)
        {
            case Ppo:
                ppo ??= new ValueBaselineOptions();
                return savedIn is null
                    ? ValueBaselineAdvantageEstimator.Create(policy, ppo, sampling.PaddingToken)
                    : ValueBaselineAdvantageEstimator.Load(savedIn, policy, ppo, sampling.PaddingToken);
            case Oprl:
                oprl ??= new OprlOptions();
                var padding = sampling.PaddingToken;
                return new OprlAdvantageEstimator(
                    savedIn is null ? ImplicitProcessRewardModel.InitialisedFrom(policy, oprl, padding) : ImplicitProcessRewardModel.Load(savedIn, oprl, padding, policy.Device),
                    oprl);
            case Archer:
                archer ??= new ArcherOptions();
                return savedIn is null ? ArcherAdvantageEstimator.Create(policy, archer, sampling) : ArcherAdvantageEstimator.Load(savedIn, policy, archer, sampling);
            default:
                throw new ArgumentException($"'{name}' does not learn a model; create it with {nameof(Create)}.", nameof(name));
        }
    }
}
