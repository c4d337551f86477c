namespace AgentRL.Grains.Training;

/// <summary>
/// What one training iteration did, as persisted with the run: the episodes it trained on (by id, so a resumed run can
/// be checked for lost or double-counted episodes), rollout and learner figures, and the validation result when it
/// evaluated.
/// </summary>
[GenerateSerializer]
public sealed record IterationRecord
{
    public int Iteration { get; init; }

    /// <summary>The weight version after this iteration's update.</summary>
    public int PolicyVersion { get; init; }

    public IReadOnlyList<string> EpisodeIds { get; init; } = [];

    /// <summary>Episodes started again after a timeout or a lost silo.</summary>
    public int Retries { get; init; }

    public double RolloutSuccess { get; init; }

    public double RolloutScore { get; init; }

    public double MeanTurns { get; init; }

    /// <summary>Episodes the learner kept (groups where every episode scored alike carry no signal).</summary>
    public int Trained { get; init; }

    public double Loss { get; init; }

    public double KlToReference { get; init; }

    public double Entropy { get; init; }

    public double ClipFraction { get; init; }

    public double? ValidationSuccess { get; init; }

    public double? ValidationScore { get; init; }

    public double RolloutSeconds { get; init; }

    public double LearnerSeconds { get; init; }

    /// <summary>Training time since the run began (evaluation excluded), summed over restarts.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>The advantage estimator's diagnostics by name (empty for GRPO and GiGPO).</summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();
}
