namespace AgentRL.Runtime;

/// <summary>The wire order of a member of a <see cref="GenerateSerializerAttribute"/> type.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class IdAttribute(uint id) : Attribute
{
    public uint Id { get; } = id;
}
