namespace AgentRL.Runtime.Serialization;

/// <summary>
/// Arrays of numbers (token ids, log-probs, weights) travel as one block of raw little-endian bytes, never element
/// by element.
/// </summary>
public sealed class UnmanagedArrayCodec<T> : IWireCodec<T[]?> where T : unmanaged
{
    public static readonly UnmanagedArrayCodec<T> Instance = new();

    public void Write(WireWriter writer, T[]? value) => writer.WriteUnmanagedArray(value);

    public T[]? Read(ref WireReader reader) => reader.ReadUnmanagedArray<T>();
}
