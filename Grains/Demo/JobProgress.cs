namespace AgentRL.Grains.Demo;

/// <summary>One progress report of the demo job: the step reached and the running estimate.</summary>
[GenerateSerializer]
public sealed record JobProgress(int Step, int Steps, double Value);
