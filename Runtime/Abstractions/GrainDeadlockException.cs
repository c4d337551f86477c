namespace AgentRL.Runtime;

/// <summary>
/// A request reached a non-reentrant activation that is itself waiting, directly or through other grains, for that
/// request: waiting would never end. The message names the whole call chain.
/// </summary>
public sealed class GrainDeadlockException(string message) : Exception(message);
