using AgentRL.Runtime.CodeGeneration;

namespace AgentRL.Runtime;

/// <summary>Primary-key accessors for grains (inside: <c>this.GetPrimaryKeyString()</c>) and grain references.</summary>
public static class GrainExtensions
{
    public static string GetPrimaryKeyString(this IAddressable grain) => KeyOf(grain);

    public static Guid GetPrimaryKey(this IAddressable grain) => GrainKeys.ParseGuid(KeyOf(grain));

    public static long GetPrimaryKeyLong(this IAddressable grain) => GrainKeys.ParseLong(KeyOf(grain));

    private static string KeyOf(IAddressable grain) => grain switch
    {
        Grain implementation => implementation.GrainId.Key,
        GrainReference reference => reference.Key,
        _ => throw new ArgumentException("Only grains and grain references from IGrainFactory.GetGrain carry a key.", nameof(grain)),
    };
}
