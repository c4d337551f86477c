namespace AgentRL.Runtime.Serialization;

/// <summary>Adapts <see cref="ListCodec{T}"/> to a declared interface type such as <c>IReadOnlyList&lt;T&gt;</c>.</summary>
public sealed class SequenceCodec<TSequence, T>(IWireCodec<T> element) : IWireCodec<TSequence?>
    where TSequence : class, IEnumerable<T>
{
    private readonly ListCodec<T> _list = new(element);

    public void Write(WireWriter writer, TSequence? value) => _list.WriteSequence(writer, value);

    public TSequence? Read(ref WireReader reader) => (TSequence?)(object?)_list.Read(ref reader);
}
