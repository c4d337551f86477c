namespace AgentRL.Runtime;

/// <summary>A message exceeds the configured maximum size; it was not sent (or was discarded by the receiver).</summary>
public sealed class MessageTooLargeException(string message) : Exception(message);
