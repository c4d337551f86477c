namespace AgentRL.Grains.Demo;

/// <summary>A job that advances on a grain timer and reports live progress through an update feed.</summary>
public interface IDemoJobGrain : IGrainWithStringKey
{
    Task Start(int steps, TimeSpan period);

    /// <summary>Long poll for progress updates (see UpdateFeed).</summary>
    [AlwaysInterleave]
    Task<FeedPage<JobProgress>> WatchProgress(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken);
}
