namespace AgentRL.Runtime.Serialization;

/// <summary>Writes and reads values of one statically known type. Codecs are stateless and thread-safe.</summary>
public interface IWireCodec<T>
{
    void Write(WireWriter writer, T value);

    T Read(ref WireReader reader);
}
