namespace AgentRL.Grains.Training;

/// <summary>A finished turn as the policy saw it: the observation's tokens and the action tokens it sampled.</summary>
[GenerateSerializer]
public sealed record PastTurn([property: Id(0)] int[] Observation, [property: Id(1)] int[] Action);
