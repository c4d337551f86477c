namespace AgentRL.Runtime;

/// <summary>
/// Marks a grain interface method whose requests may start while other requests of the same activation are
/// waiting at an await (a long poll, a status query). It never runs in parallel with other grain code.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;
