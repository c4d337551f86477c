using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Persistence;

/// <summary>
/// Binds one state of one activation to its storage. The state is serialised with its wire codec behind a one-byte
/// format version, so a corrupt or foreign record fails loudly instead of producing a half-read state. Format 2 writes
/// each object's member count, so a state type may gain members (with the next [Id]s) and still read older records;
/// format 1 records, written before that, are read as they were.
/// </summary>
internal sealed class PersistentState<TState>(
    GrainId grainId,
    string stateName,
    string storageName,
    IGrainStorage storage,
    IWireCodec<TState> codec,
    Func<TState> createDefault) : IPersistentState<TState>, IStateLoader
{
    private const byte FormatVersion = 2;
    private const byte FormatWithoutMemberCounts = 1;

    public TState State { get; set; } = createDefault();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public Task ReadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(grainId, stateName, cancellationToken);
        if (stored is null)
        {
            State = createDefault();
            Etag = null;
            return;
        }

        State = Decode(stored.Data);
        Etag = stored.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        using var writer = new WireWriter();
        writer.WriteByte(FormatVersion);
        codec.Write(writer, State);
        Etag = await storage.WriteAsync(grainId, stateName, writer.WrittenMemory, Etag, cancellationToken);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grainId, stateName, Etag, cancellationToken);
        Etag = null;
        State = createDefault();
    }

    private TState Decode(byte[] data)
    {
        try
        {
            var version = data.Length > 0 ? data[0] : throw new WireFormatException("the record is empty");
            if (version is not (FormatVersion or FormatWithoutMemberCounts))
            {
                throw new WireFormatException($"unknown format version {version}");
            }

            var reader = new WireReader(data) { WithoutMemberCounts = version == FormatWithoutMemberCounts };
            reader.ReadByte();

            var state = codec.Read(ref reader);
            reader.EnsureFullyRead();
            return state;
        }
        catch (Exception e) when (e is WireFormatException or OverflowException)
        {
            throw new WireFormatException(
                $"Stored state '{stateName}' of {grainId} in storage '{storageName}' cannot be read ({e.Message}). " +
                "The record was left untouched.");
        }
    }
}
