namespace AgentRL.Runtime;

/// <summary>
/// The identity of a grain inside a cluster: the grain class's type name and the key, in its canonical string form.
/// At most one activation exists per id (stateless workers excepted).
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
