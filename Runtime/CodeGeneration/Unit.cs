namespace AgentRL.Runtime.CodeGeneration;

/// <summary>The result type of grain methods that return a plain <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
public readonly record struct Unit;
