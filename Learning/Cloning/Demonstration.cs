namespace AgentRL.Learning.Cloning;

/// <summary>One supervised example: the context the policy would see and the action tokens it should produce.</summary>
public sealed record Demonstration(int[] Context, int[] Action);
