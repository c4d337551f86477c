namespace AgentRL.Runtime;

/// <summary>
/// A persistent-state write carried an ETag that no longer matches storage: another writer changed the state since
/// this activation read it. Re-read the state before writing again.
/// </summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag) : Exception(message)
{
    /// <summary>The ETag in storage, or null if no record exists.</summary>
    public string? StoredEtag { get; } = storedEtag;

    /// <summary>The ETag the write expected.</summary>
    public string? CurrentEtag { get; } = currentEtag;
}
