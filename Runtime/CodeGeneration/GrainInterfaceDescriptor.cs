namespace AgentRL.Runtime.CodeGeneration;

/// <summary>A grain interface as the runtime sees it: identity, key kind, methods and proxy factory.</summary>
public sealed class GrainInterfaceDescriptor
{
    private readonly GrainMethodDescriptor[] _methods;

    public GrainInterfaceDescriptor(
        Type interfaceType,
        GrainKeyKind keyKind,
        GrainMethodDescriptor[] methods,
        Func<IGrainCallInvoker, string, GrainReference> createReference)
    {
        InterfaceType = interfaceType;
        Name = interfaceType.FullName ?? interfaceType.Name;
        Id = StableHash(Name);
        KeyKind = keyKind;
        _methods = methods;
        CreateReference = createReference;
        for (var i = 0; i < methods.Length; i++)
        {
            if (methods[i].MethodId != i)
            {
                throw new ArgumentException($"Method {methods[i].DisplayName} has id {methods[i].MethodId}, expected {i}.", nameof(methods));
            }
        }
    }

    public Type InterfaceType { get; }

    public string Name { get; }

    /// <summary>A stable 32-bit id (FNV-1a of the full name) that identifies the interface on the wire.</summary>
    public uint Id { get; }

    public GrainKeyKind KeyKind { get; }

    public IReadOnlyList<GrainMethodDescriptor> Methods => _methods;

    public Func<IGrainCallInvoker, string, GrainReference> CreateReference { get; }

    public GrainMethodDescriptor? FindMethod(ushort methodId) => methodId < _methods.Length ? _methods[methodId] : null;

    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    public override string ToString() => Name;
}
