namespace AgentRL.Environments;

/// <summary>
/// Facts about a step beyond the reward: whether the action was valid, whether the task is accomplished, the score in
/// [0, 1] (final once <see cref="EnvironmentStep.Done"/>), and the number of steps taken so far.
/// </summary>
[GenerateSerializer]
public sealed record StepInfo(
    [property: Id(0)] bool Valid,
    [property: Id(1)] bool Success,
    [property: Id(2)] double Score,
    [property: Id(3)] int StepCount);
