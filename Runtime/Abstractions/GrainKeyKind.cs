namespace AgentRL.Runtime;

/// <summary>The kind of primary key a grain interface is addressed by.</summary>
public enum GrainKeyKind : byte
{
    String = 1,
    Guid = 2,
    Integer = 3,
}
