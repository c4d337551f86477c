namespace AgentRL.Grains.Training;

[GenerateSerializer]
public sealed class RunRegistryState
{
    public List<string> RunIds { get; set; } = [];
}
