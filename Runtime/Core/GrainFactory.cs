using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Core;

/// <summary>Creates references bound to one invoker: the silo's local one, or a client connection.</summary>
internal sealed class GrainFactory(IGrainCallInvoker invoker) : IGrainFactory, IGrainReferenceFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrainInterface>(key, GrainKeyKind.String);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainKeys.Format(key), GrainKeyKind.Guid);

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainKeys.Format(key), GrainKeyKind.Integer);

    public TGrainInterface GetGrainReference<TGrainInterface>(string key) where TGrainInterface : IGrain
    {
        var descriptor = GrainTypeRegistry.GetInterface(typeof(TGrainInterface));
        if (!GrainKeys.IsValid(descriptor.KeyKind, key))
        {
            throw new WireFormatException($"'{key}' is not a valid {descriptor.KeyKind} key for {descriptor.Name}.");
        }

        return (TGrainInterface)(object)descriptor.CreateReference(invoker, key);
    }

    private TGrainInterface Create<TGrainInterface>(string key, GrainKeyKind expected)
    {
        var descriptor = GrainTypeRegistry.GetInterface(typeof(TGrainInterface));
        if (descriptor.KeyKind != expected)
        {
            throw new ArgumentException($"{descriptor.Name} is addressed by {descriptor.KeyKind} keys, not {expected} keys.");
        }

        return (TGrainInterface)(object)descriptor.CreateReference(invoker, key);
    }
}
