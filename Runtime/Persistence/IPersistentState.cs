namespace AgentRL.Runtime;

/// <summary>
/// A grain's persistent state, injected through a <c>[PersistentState]</c> constructor parameter. Writes are
/// ETag-checked: a write based on a stale read throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The current value; a default instance until something was written.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this activation last read or wrote; null if none.</summary>
    string? Etag { get; }

    /// <summary>True if storage holds a record for this state.</summary>
    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
