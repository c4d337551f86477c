namespace AgentRL.Runtime;

/// <summary>
/// On a grain constructor parameter of type <c>IPersistentState&lt;T&gt;</c>: which state this is and which
/// storage provider holds it. The state is read before <c>OnActivateAsync</c> runs.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorage) : Attribute
{
    public const string DefaultStorage = "Default";

    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;
}
