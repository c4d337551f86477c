namespace AgentRL.Runtime.Serialization;

/// <summary>Nullable value types: a presence byte, then the value.</summary>
public sealed class NullableCodec<T>(IWireCodec<T> inner) : IWireCodec<T?> where T : struct
{
    public void Write(WireWriter writer, T? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            inner.Write(writer, value.GetValueOrDefault());
        }
    }

    public T? Read(ref WireReader reader) => reader.ReadBoolean() ? inner.Read(ref reader) : null;
}
