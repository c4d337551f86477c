namespace AgentRL.Grains.Training;

/// <summary>The learner after initialisation: the weight version it publishes, its optimiser step, and how many tokens an action may take.</summary>
[GenerateSerializer]
public sealed record LearnerStatus(
    [property: Id(0)] int Version,
    [property: Id(1)] int Step,
    [property: Id(2)] int MaxActionTokens,
    [property: Id(3)] string BaseCheckpoint);
