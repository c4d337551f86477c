namespace AgentRL.Runtime.Serialization;

/// <summary>Arrays of non-numeric elements, element by element.</summary>
public sealed class ArrayCodec<T>(IWireCodec<T> element) : IWireCodec<T[]?>
{
    public void Write(WireWriter writer, T[]? value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteVarUInt32((uint)value.Length + 1);
        foreach (var item in value)
        {
            element.Write(writer, item);
        }
    }

    public T[]? Read(ref WireReader reader)
    {
        var count = reader.ReadCollectionCount();
        if (count < 0)
        {
            return null;
        }

        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = element.Read(ref reader);
        }

        return result;
    }
}
