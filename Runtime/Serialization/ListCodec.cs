namespace AgentRL.Runtime.Serialization;

/// <summary>
/// Lists and the read-only list/collection/enumerable interfaces; always read back as a <see cref="List{T}"/>.
/// </summary>
public sealed class ListCodec<T>(IWireCodec<T> element) : IWireCodec<List<T>?>
{
    public void Write(WireWriter writer, List<T>? value) => WriteSequence(writer, value);

    public List<T>? Read(ref WireReader reader)
    {
        var count = reader.ReadCollectionCount();
        if (count < 0)
        {
            return null;
        }

        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(element.Read(ref reader));
        }

        return result;
    }

    internal void WriteSequence(WireWriter writer, IEnumerable<T>? value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        var items = value as IReadOnlyCollection<T> ?? value.ToList();
        writer.WriteVarUInt32((uint)items.Count + 1);
        foreach (var item in items)
        {
            element.Write(writer, item);
        }
    }
}
