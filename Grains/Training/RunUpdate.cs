namespace AgentRL.Grains.Training;

/// <summary>One live update of a run: what just happened, and the run's state after it.</summary>
[GenerateSerializer]
public sealed record RunUpdate([property: Id(0)] string Message, [property: Id(1)] RunInfo Run);
