namespace AgentRL.Grains.Demo;

/// <summary>The persisted total of a tally grain.</summary>
[GenerateSerializer]
public sealed class TallyState
{
    public long Total { get; set; }
}
