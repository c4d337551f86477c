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

    /// <summary>
    /// SpannerSampling for a group's first turn (<see cref="Learning.Exploration.SpanningProposals"/>): <paramref name="candidates"/>
    /// samples for the request, of which the <paramref name="count"/> whose features span feature space come back (repeating
    /// when fewer are distinct). Deterministic in <paramref name="seed"/> for a given weight version, so a resumed run
    /// proposes the same actions again.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<IReadOnlyList<ActResult>> ProposeSpanning(ActRequest request, int candidates, int count, ulong seed);

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
