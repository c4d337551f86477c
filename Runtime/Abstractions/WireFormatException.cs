namespace AgentRL.Runtime;

/// <summary>Bytes on the wire or in storage do not decode as the expected type (truncated or corrupt).</summary>
public sealed class WireFormatException(string message) : Exception(message);
