using AgentRL.Runtime.CodeGeneration;

namespace AgentRL.Runtime.Serialization;

/// <summary>
/// A grain reference travels as its key only: the interface is known statically from the signature, and the reader
/// binds the new reference to its own runtime.
/// </summary>
public sealed class GrainReferenceCodec<TGrainInterface> : IWireCodec<TGrainInterface?> where TGrainInterface : class, IGrain
{
    public static readonly GrainReferenceCodec<TGrainInterface> Instance = new();

    public void Write(WireWriter writer, TGrainInterface? value)
    {
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        if (value is not GrainReference reference)
        {
            throw new ArgumentException(
                $"Only grain references (from IGrainFactory.GetGrain) can be passed as {typeof(TGrainInterface).Name}; got {value.GetType().Name}.");
        }

        writer.WriteByte(1);
        writer.WriteString(reference.Key);
    }

    public TGrainInterface? Read(ref WireReader reader)
    {
        if (reader.ReadByte() == 0)
        {
            return null;
        }

        var key = reader.ReadString() ?? throw new WireFormatException("A grain reference has no key.");
        var factory = reader.References ?? throw new WireFormatException("No grain runtime is available to bind a grain reference.");
        return factory.GetGrainReference<TGrainInterface>(key);
    }
}
