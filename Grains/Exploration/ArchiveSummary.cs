namespace AgentRL.Grains.Exploration;

/// <summary>An archive at a glance: cells held, cells discovered in all (evicted ones too), the deepest and best cells.</summary>
[GenerateSerializer]
public sealed record ArchiveSummary(
    [property: Id(0)] int Cells,
    [property: Id(1)] long Discovered,
    [property: Id(2)] int DeepestLength,
    [property: Id(3)] double BestScore);
