namespace AgentRL.Grains.Training;

/// <summary>
/// Everything that defines a training run, persisted with it: the environment and algorithm, the base model's recipe,
/// the rollout shape, the optimiser and the evaluation schedule. Bind it from configuration or set it from the CLI.
/// </summary>
[GenerateSerializer]
public sealed class TrainingRunConfig
{
    /// <summary>The algorithms a run can use today.</summary>
    public static IReadOnlyList<string> Algorithms => Learning.Reinforcement.AdvantageEstimators.Names;

    /// <summary>A registered environment's name (built in: gridworld, shop, search).</summary>
    public string Environment { get; set; } = "gridworld";

    public string Algorithm { get; set; } = Learning.Reinforcement.AdvantageEstimators.Grpo;

    /// <summary>
    /// γ: GiGPO's discount of the returns that steps from the same state are compared by; IGPO's discount of turn rewards;
    /// ArCHer's TD discount; PPO's GAE discount.
    /// </summary>
    public double StepDiscount { get; set; } = 0.95;

    /// <summary>GiGPO's ω and OPRL's w: the step advantage's weight next to the episode advantage.</summary>
    public double StepAdvantageWeight { get; set; } = 1.0;

    /// <summary>
    /// GRPO and GiGPO: divide group-centred scores by the group's standard deviation (true), or only centre them (false,
    /// Dr. GRPO). Dividing gives a group of near-equal successes, which differ only in steps, as much weight as a group
    /// of successes and failures; centring alone lets the groups that disagree on the outcome lead the update.
    /// </summary>
    public bool ScaleAdvantagesByStd { get; set; } = true;

    /// <summary>The model's size (tiny, compact, small, base).</summary>
    public string Preset { get; set; } = "compact";

    /// <summary>Training iterations; each trains on <see cref="TasksPerIteration"/> × <see cref="GroupSize"/> episodes.</summary>
    public int Iterations { get; set; } = 80;

    /// <summary>Stop after this much training time even if iterations remain; 0 for no limit.</summary>
    public double MaxMinutes { get; set; }

    public int TasksPerIteration { get; set; } = 8;

    /// <summary>Episodes per task: the group GRPO normalises within.</summary>
    public int GroupSize { get; set; } = 8;

    public int Demonstrations { get; set; } = 300;

    public double ActionNoise { get; set; } = 0.3;

    public int CloningEpochs { get; set; } = 6;

    /// <summary>
    /// DAgger rounds after cloning: the base plays <see cref="DaggerEpisodes"/> training episodes, the expert labels every
    /// state it reached, and cloning goes on over all turns (<see cref="DaggerEpochs"/> epochs per round). 0: none.
    /// </summary>
    public int DaggerRounds { get; set; }

    public int DaggerEpisodes { get; set; } = 200;

    public int DaggerEpochs { get; set; } = 2;

    /// <summary>Probability that a DAgger label is a random valid action instead of the expert's (see <see cref="ActionNoise"/>).</summary>
    public double DaggerLabelNoise { get; set; }

    public int ContextTurns { get; set; }

    /// <summary>Turns before the <see cref="ContextTurns"/> that the policy sees as their action alone (a few tokens each).</summary>
    public int ContextActions { get; set; }

    public int ContextTokens { get; set; } = 224;

    public double LearningRate { get; set; } = 5e-4;

    /// <summary>Optimiser steps over which the learning rate rises to <see cref="LearningRate"/>.</summary>
    public int LearningRateWarmupSteps { get; set; } = 2;

    /// <summary>
    /// Optimiser steps over which the learning rate decays (cosine, to a tenth): about what a 15-minute run takes. At a
    /// constant rate the policy kept drifting after its early gains and success fell back.
    /// </summary>
    public int LearningRateDecaySteps { get; set; } = 500;

    /// <summary>β of the KL to the base model; without it the reactive policy sharpens into loops and success falls back.</summary>
    public double KlCoefficient { get; set; } = 0.04;

    /// <summary>
    /// Taken off the advantage of every turn whose action the environment rejected, whatever the algorithm (see
    /// <see cref="Learning.Reinforcement.InvalidActionPenalty"/>); 0 leaves the algorithm's advantages alone.
    /// </summary>
    public double InvalidActionPenalty { get; set; }

    /// <summary>
    /// Taken off the advantage of every accepted action that led back to a state its episode had been in (by cell key and
    /// observation; see <see cref="Learning.Reinforcement.RevisitPenalty"/>), whatever the algorithm; 0 leaves the advantages alone.
    /// </summary>
    public double RevisitPenalty { get; set; }

    /// <summary>
    /// Added to each turn's advantage per step its action brought the environment closer to the goal, by the environment's
    /// own distance (<see cref="Environments.IGoalDistance"/>; see <see cref="Learning.Reinforcement.ProgressShaping"/>), and
    /// taken off per step away, whatever the algorithm; episodes then record their progress. 0: off.
    /// </summary>
    public double ProgressShaping { get; set; }

    /// <summary>
    /// Multiplies the algorithm's negative advantages before the turn-level terms, so a failure pushes its actions down
    /// less than a success of the same margin pushes its own up (see <see cref="Learning.Reinforcement.NegativeAdvantageScaling"/>). 1: off.
    /// </summary>
    public double NegativeAdvantageScale { get; set; } = 1;

    /// <summary>
    /// The share of a negative advantage kept on turns that brought their episode closer to the goal, by the environment's
    /// own distance (see <see cref="Learning.Reinforcement.ProgressingTurnBlame"/>); episodes then record their progress. 1: off.
    /// </summary>
    public double ProgressingTurnBlame { get; set; } = 1;

    public int Epochs { get; set; } = 1;

    /// <summary>Padded tokens per mini-batch.</summary>
    public int TokenBudget { get; set; } = 16384;

    public double Temperature { get; set; } = 1.0;

    /// <summary>Evaluate on the validation split every this many iterations (and at the start and end); 0 never.</summary>
    public int EvaluateEvery { get; set; } = 5;

    public int ValidationTasks { get; set; } = 100;

    /// <summary>How many weight versions rollouts may lag behind the learner (0: strictly on-policy).</summary>
    public int MaxPolicyLag { get; set; }

    /// <summary>How long one episode may take before it counts as lost.</summary>
    public TimeSpan EpisodeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many times a lost episode is started again before the iteration fails (after 0.5, 1, 2, 4, ... seconds: time
    /// enough for a cluster to declare a dead silo dead before the episode is placed again).
    /// </summary>
    public int EpisodeRetries { get; set; } = 4;

    public int Seed { get; set; } = 1;

    /// <summary>OPRL: β of the implicit process reward model's step rewards.</summary>
    public double ProcessRewardBeta { get; set; } = 0.05;

    /// <summary>OPRL: the process reward model's learning rate.</summary>
    public double ProcessRewardLearningRate { get; set; } = 1e-4;

    /// <summary>OPRL: the process reward model's optimiser steps per iteration.</summary>
    public int ProcessRewardSteps { get; set; } = 1;

    /// <summary>ArCHer: the critic's TD steps per iteration, on batches from its replay buffer.</summary>
    public int CriticSteps { get; set; } = 50;

    /// <summary>PPO: GAE's λ.</summary>
    public double GaeLambda { get; set; } = 0.95;

    /// <summary>PPO: passes of value regression over each iteration's turns.</summary>
    public int ValueEpochs { get; set; } = 2;

    /// <summary>ArCHer and PPO: the critic's (value model's) learning rate.</summary>
    public double CriticLearningRate { get; set; } = 3e-4;

    /// <summary>IGPO: how an answer action starts (the ground truth is scored after it; a last turn starting with it is the answer).</summary>
    public string AnswerPrefix { get; set; } = Learning.Rollout.GroundTruthProbe.DefaultAnswerPrefix;

    /// <summary>IGPO: the last turn's reward when the episode ends without a well-formed answer.</summary>
    public double FormatPenalty { get; set; } = -1.0;

    /// <summary>IGPO: ε of the group-joint normalisation (see <see cref="Learning.Reinforcement.Igpo.IgpoOptions.Epsilon"/>).</summary>
    public double IgpoEpsilon { get; set; } = Learning.Reinforcement.GroupBaselines.Epsilon;

    /// <summary>
    /// Go-Explore: the fraction of each iteration's groups that start from cells of the run's archive (the environment
    /// restored to the cell, the policy acting from there) instead of from a task's start; 0 turns Go-Explore off. While
    /// it is on, every training episode offers the states it reaches to the archive.
    /// </summary>
    public double ExploreFraction { get; set; }

    /// <summary>Go-Explore: the sampling temperature of episodes started from a cell; 0 uses <see cref="Temperature"/>.</summary>
    public double ExploreTemperature { get; set; }

    /// <summary>Go-Explore: the most cells the archive keeps.</summary>
    public int ArchiveCapacity { get; set; } = 10_000;

    /// <summary>Training episodes end as failures after this many turns, wherever they start; 0 leaves it to the environment's step limit.</summary>
    public int MaxTurns { get; set; }

    /// <summary>
    /// Training episodes also end as failures once they have gone this many turns without coming closer to the goal than
    /// ever before, by the environment's own distance (<see cref="Environments.IGoalDistance"/>); 0: off. A long step
    /// limit then lets slow successes count without every loop being played out to it.
    /// </summary>
    public int StallTurns { get; set; }

    /// <summary>
    /// The representation bonus's coefficient (0 off): rollouts of groups with a success gain this much times their
    /// elliptical novelty bonus over a frozen base model's features, whatever the algorithm.
    /// </summary>
    public double RepresentationBonus { get; set; }

    /// <summary>
    /// SpannerSampling in training (0 off): each group's first actions are the <see cref="GroupSize"/> spanning ones of
    /// this many samples from the policy at the group's start, so a group's rollouts begin differently. Those turns are
    /// recorded as forced and not trained on.
    /// </summary>
    public int SpannerCandidates { get; set; }

    /// <summary>
    /// Task replay (0 off): this share of each iteration's groups (after any Go-Explore groups) plays again a training start
    /// whose earlier group disagreed, ranked by the spread of that group's scores (see <see cref="Learning.Curriculum.TaskReplay"/>).
    /// </summary>
    public double TaskReplayFraction { get; set; }

    /// <summary>Task replay: the most starts kept.</summary>
    public int TaskReplayCapacity { get; set; } = 256;

    /// <summary>Task replay's options as this configuration sets them.</summary>
    public Learning.Curriculum.TaskReplayOptions ReplayOptions() => new() { Fraction = TaskReplayFraction, Capacity = TaskReplayCapacity };

    /// <summary>The advantage estimator of an algorithm that learns nothing of its own (all but OPRL, ArCHer and PPO) as this configuration sets it.</summary>
    public Learning.Reinforcement.IAdvantageEstimator StatelessEstimator()
    {
        var igpo = new Learning.Reinforcement.Igpo.IgpoOptions { Discount = StepDiscount, FormatPenalty = FormatPenalty, AnswerPrefix = AnswerPrefix, Epsilon = IgpoEpsilon };
        return Learning.Reinforcement.AdvantageEstimators.Create(Algorithm, ScaleAdvantagesByStd, StepDiscount, StepAdvantageWeight, igpo);
    }

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong when this configuration cannot run.</summary>
    public void Validate()
    {
        if (Problem() is { } problem)
        {
            throw new ArgumentException($"Invalid training run configuration: {problem}");
        }
    }

    private string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Environment))
        {
            return "Environment is empty.";
        }

        if (!Algorithms.Contains(Algorithm))
        {
            return $"Algorithm '{Algorithm}' is not available; use one of {string.Join(", ", Algorithms)}.";
        }

        if (!Learning.Policy.PolicyConfig.Presets.Contains(Preset))
        {
            return $"Preset '{Preset}' is unknown; use one of {string.Join(", ", Learning.Policy.PolicyConfig.Presets)}.";
        }

        return (Iterations, TasksPerIteration, GroupSize) switch
        {
            ( < 1, _, _) => "Iterations must be at least 1.",
            (_, < 1, _) => "TasksPerIteration must be at least 1.",
            (_, _, < 2) => "GroupSize must be at least 2 (group-relative advantages need company).",
            _ when Demonstrations < 1 => "Demonstrations must be at least 1.",
            _ when ContextTurns < 0 || ContextActions < 0 || ContextTokens < 16 => "ContextTurns and ContextActions cannot be negative and ContextTokens must be at least 16.",
            _ when ActionNoise is < 0 or > 1 || DaggerLabelNoise is < 0 or > 1 => "ActionNoise and DaggerLabelNoise are probabilities.",
            _ when DaggerRounds < 0 || DaggerEpisodes < 1 || DaggerEpochs < 1 => "DaggerRounds cannot be negative, and DaggerEpisodes and DaggerEpochs must be at least 1.",
            _ when LearningRate <= 0 => "LearningRate must be positive.",
            _ when KlCoefficient < 0 => "KlCoefficient cannot be negative.",
            _ when LearningRateDecaySteps < 1 || LearningRateWarmupSteps < 0 => "LearningRateDecaySteps must be at least 1 and LearningRateWarmupSteps cannot be negative.",
            _ when Temperature <= 0 => "Temperature must be positive.",
            _ when StepDiscount is < 0 or > 1 => "StepDiscount must be in [0, 1].",
            _ when StepAdvantageWeight < 0 => "StepAdvantageWeight cannot be negative.",
            _ when InvalidActionPenalty < 0 || RevisitPenalty < 0 || ProgressShaping < 0 => "InvalidActionPenalty, RevisitPenalty and ProgressShaping cannot be negative.",
            _ when NegativeAdvantageScale is < 0 or > 1 || ProgressingTurnBlame is < 0 or > 1 => "NegativeAdvantageScale and ProgressingTurnBlame must be in [0, 1].",
            _ when ProcessRewardBeta <= 0 || ProcessRewardLearningRate <= 0 || ProcessRewardSteps < 1 => "ProcessRewardBeta, ProcessRewardLearningRate and ProcessRewardSteps must be positive.",
            _ when CriticSteps < 1 || CriticLearningRate <= 0 => "CriticSteps and CriticLearningRate must be positive.",
            _ when GaeLambda is < 0 or > 1 || ValueEpochs < 1 => "GaeLambda must be in [0, 1] and ValueEpochs at least 1.",
            _ when string.IsNullOrWhiteSpace(AnswerPrefix) || FormatPenalty > 0 || IgpoEpsilon <= 0 => "AnswerPrefix cannot be empty, FormatPenalty cannot be positive and IgpoEpsilon must be positive.",
            _ when ExploreFraction is < 0 or > 1 || ExploreTemperature < 0 || ArchiveCapacity < 1 => "ExploreFraction must be in [0, 1], ExploreTemperature cannot be negative and ArchiveCapacity must be at least 1.",
            _ when MaxTurns < 0 || StallTurns < 0 || RepresentationBonus < 0 || SpannerCandidates < 0 => "MaxTurns, StallTurns, RepresentationBonus and SpannerCandidates cannot be negative.",
            _ when TaskReplayFraction is < 0 or > 1 || TaskReplayCapacity < 1 => "TaskReplayFraction must be in [0, 1] and TaskReplayCapacity at least 1.",
            _ when EpisodeTimeout <= TimeSpan.Zero => "EpisodeTimeout must be positive.",
            _ when EpisodeRetries < 0 || MaxPolicyLag < 0 || EvaluateEvery < 0 || ValidationTasks < 0 => "Counts cannot be negative.",
            _ => null,
        };
    }
}
