namespace AgentRL.Runtime;

/// <summary>The silo that should handle a call is unreachable, was lost mid-call, or is shutting down.</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The request was not run: it never left this process (no connection could be made, or the silo had said it was
    /// leaving), or the silo refused it unrun while leaving. Trying elsewhere cannot run it twice.
    /// </summary>
    internal bool RequestNotSent { get; init; }
}
