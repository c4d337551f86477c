namespace AgentRL.Grains.Training;

/// <summary>
/// A training run (keyed by run id): persists its configuration, iterations, metrics and latest checkpoint, and drives
/// the loop (episodes ▸ groups ▸ learner ▸ evaluation ▸ checkpoint) until done. It survives a silo restart: resuming
/// continues from the last recorded iteration and checkpoint.
/// </summary>
public interface ITrainingRunGrain : IGrainWithStringKey
{
    /// <summary>Creates and starts the run; for an existing run with the same configuration, returns its state (and drives it again if nothing does).</summary>
    Task<RunInfo> Start(TrainingRunConfig config);

    /// <summary>Continues a stopped, failed or interrupted run from its last checkpoint.</summary>
    Task<RunInfo> Resume();

    /// <summary>Asks the run to stop after the iteration in progress.</summary>
    Task<RunInfo> Stop();

    Task<RunInfo> Info();

    /// <summary>Every finished iteration's record, in order.</summary>
    Task<IReadOnlyList<IterationRecord>> Iterations();

    /// <summary>Long poll for live updates (see UpdateFeed).</summary>
    Task<FeedPage<RunUpdate>> WatchUpdates(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Runs the loop; the grain calls this on itself so that the activation stays busy (and alive) while it trains.</summary>
    [ResponseTimeout("30.00:00:00")]
    Task Drive();
}
