namespace AgentRL.Runtime;

/// <summary>
/// A grain threw an exception whose type is not on the client's allow-list of reconstructible exceptions. The
/// original type name and message are kept; the remote stack trace is attached as usual.
/// </summary>
public sealed class RemoteGrainException(string originalTypeName, string message)
    : Exception($"{originalTypeName}: {message}")
{
    public string OriginalTypeName { get; } = originalTypeName;

    public string OriginalMessage { get; } = message;
}
