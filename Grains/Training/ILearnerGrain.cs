using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Training;

/// <summary>
/// The learner of one run (keyed by run id): owns the model being trained, its optimiser, the frozen reference and the
/// advantage estimator; applies updates, publishes each weight version as one blob, and writes checkpoints.
/// </summary>
public interface ILearnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Loads <paramref name="checkpoint"/> (a folder this learner wrote) or, when null, clones a base model from expert
    /// demonstrations. Calling it again with the same checkpoint is a no-op.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<LearnerStatus> Initialize(TrainingRunConfig config, string? checkpoint);

    /// <summary>The newest weight version as a policy package; fails if it is older than <paramref name="minVersion"/>.</summary>
    [AlwaysInterleave]
    Task<byte[]> GetPolicy(int minVersion);

    /// <summary>One update on complete groups (each <paramref name="groupSize"/> consecutive trajectories share a task).</summary>
    [ResponseTimeout("01:00:00")]
    Task<LearnerUpdate> Train(IReadOnlyList<Trajectory> trajectories, int groupSize);

    /// <summary>Saves model, optimiser, tokenizer and step; returns the folder.</summary>
    [ResponseTimeout("00:10:00")]
    Task<string> SaveCheckpoint(int iteration);
}
