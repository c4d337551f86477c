namespace AgentRL.Runtime;

/// <summary>
/// Gives a grain class a stable type name for grain ids and storage (default: the class's full name), so that
/// renaming or moving the class keeps its persisted state.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
