namespace AgentRL.Runtime.Persistence;

/// <summary>
/// A named grain storage provider. Records are keyed by (grain type, grain key, state name) and carry an ETag; writes
/// and clears succeed only if the caller's expected ETag matches storage (null meaning "no record").
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> and returns the new ETag, or throws <see cref="InconsistentStateException"/>.</summary>
    Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes the record, or throws <see cref="InconsistentStateException"/> if it changed since read.</summary>
    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}
