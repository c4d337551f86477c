namespace AgentRL.Grains.Training;

/// <summary>
/// A run as a client sees it: its status, progress and latest figures (without the per-iteration history), and which
/// update feed its activation publishes to.
/// </summary>
[GenerateSerializer]
public sealed record RunInfo(
    [property: Id(0)] string RunId,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] TrainingRunConfig? Config,
    [property: Id(3)] int Iteration,
    [property: Id(4)] int PolicyVersion,
    [property: Id(5)] double? BaseSuccess,
    [property: Id(6)] IterationRecord? Latest,
    [property: Id(7)] double? LatestValidationSuccess,
    [property: Id(8)] string? Checkpoint,
    [property: Id(9)] string? Message,
    [property: Id(10)] double TrainingSeconds,
    [property: Id(11)] string UpdatesId);
