namespace AgentRL.Grains.Training;

/// <summary>
/// An inference replica (a stateless worker, keyed by <see cref="PolicySource"/>): concurrent requests from many
/// episodes are batched into one forward pass. It loads weights by version and refreshes when a request needs a newer
/// one than it holds.
/// </summary>
public interface IPolicyGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:05:00")]
    Task<ActResult> Act(ActRequest request);

    /// <summary>Teacher-forced log-probs of each continuation after its context (e.g. a ground truth, for IGPO).</summary>
    [ResponseTimeout("00:05:00")]
    Task<IReadOnlyList<float[]>> Score(IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> continuations, int minVersion);

    /// <summary>
    /// IGPO's probe (<see cref="Learning.Rollout.GroundTruthProbe"/>): the mean log-prob of <paramref name="groundTruth"/>
    /// after each context and <paramref name="answerPrefix"/>, all in length-grouped batches; the replica tokenizes.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<double[]> ScoreGroundTruth(IReadOnlyList<int[]> contexts, string answerPrefix, string groundTruth, int minVersion);
}
