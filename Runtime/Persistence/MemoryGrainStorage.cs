using System.Globalization;

namespace AgentRL.Runtime.Persistence;

/// <summary>Grain storage in process memory: for tests and ephemeral silos. Same ETag rules as durable providers.</summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly object _gate = new();
    private readonly Dictionary<(GrainId, string), StoredState> _records = [];
    private long _version;

    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((grainId, stateName)));
        }
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckEtag(grainId, stateName, expectedEtag);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[(grainId, stateName)] = new StoredState(data.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckEtag(grainId, stateName, expectedEtag);
            _records.Remove((grainId, stateName));
            return Task.CompletedTask;
        }
    }

    private void CheckEtag(GrainId grainId, string stateName, string? expectedEtag)
    {
        var stored = _records.GetValueOrDefault((grainId, stateName))?.Etag;
        if (!string.Equals(stored, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} has ETag '{stored ?? "(none)"}' but the write expected '{expectedEtag ?? "(none)"}'.",
                stored, expectedEtag);
        }
    }
}
