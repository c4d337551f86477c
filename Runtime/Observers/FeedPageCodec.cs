using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Observers;

/// <summary>Wire codec of <see cref="FeedPage{T}"/>.</summary>
public sealed class FeedPageCodec<T>(IWireCodec<T> items) : IWireCodec<FeedPage<T>?>
{
    private readonly SequenceCodec<IReadOnlyList<T>, T> _items = new(items);

    public void Write(WireWriter writer, FeedPage<T>? value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteByte(1);
        _items.Write(writer, value.Items);
        writer.WriteVarInt64(value.NextSequence);
        writer.WriteBoolean(value.Completed);
        writer.WriteVarInt64(value.Missed);
    }

    public FeedPage<T>? Read(ref WireReader reader)
    {
        if (reader.ReadByte() == 0)
        {
            return null;
        }

        var list = _items.Read(ref reader) ?? [];
        return new FeedPage<T>(list, reader.ReadVarInt64(), reader.ReadBoolean(), reader.ReadVarInt64());
    }
}
