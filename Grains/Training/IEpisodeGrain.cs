namespace AgentRL.Grains.Training;

/// <summary>
/// One multi-turn episode (keyed by episode id): plays an environment grain against a policy replica, recording exact
/// tokens and log-probs. Idempotent: once finished, asking again returns the stored trajectory.
/// </summary>
public interface IEpisodeGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:30:00")]
    Task<EpisodeResult> Run(EpisodeRequest request);

    /// <summary>The stored result, or null if this episode has not finished.</summary>
    [AlwaysInterleave]
    Task<EpisodeResult?> Result();
}
