namespace AgentRL.Runtime;

/// <summary>
/// Names a hand-written codec for a type. For a generic type, pass the open generic codec type; its constructor
/// takes one <c>IWireCodec&lt;T&gt;</c> per type argument, in order.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class WireCodecAttribute(Type codecType) : Attribute
{
    public Type CodecType { get; } = codecType;
}
