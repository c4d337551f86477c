namespace AgentRL.Runtime;

/// <summary>The silo that should handle a call is unreachable, was lost mid-call, or is shutting down.</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
