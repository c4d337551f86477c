namespace AgentRL.Learning.Exploration;

/// <summary>
/// What a spanner search of one task found: whether a branch succeeded, the best score reached, the turns searched, the
/// model samples drawn (sampling-oracle calls) and the actions tried in the environment (verifier calls), counted
/// apart, and the actions of the successful (or else the longest-lived) branch.
/// </summary>
public sealed record SpannerOutcome(bool Success, double BestScore, int Turns, long OracleCalls, long EnvironmentCalls, IReadOnlyList<string> Actions);
