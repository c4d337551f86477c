namespace AgentRL.Environments;

/// <summary>What an environment returns from Reset and Step.</summary>
[GenerateSerializer]
public sealed record EnvironmentStep(
    [property: Id(0)] string Observation,
    [property: Id(1)] double Reward,
    [property: Id(2)] bool Done,
    [property: Id(3)] StepInfo Info);
