namespace AgentRL.Learning.Exploration;

/// <summary>A Go-Explore archive as persisted: its cells and how many cells it has discovered in all (evicted ones too).</summary>
[GenerateSerializer]
public sealed record ArchiveState
{
    [Id(0)] public IReadOnlyList<ArchiveCell> Cells { get; init; } = [];

    [Id(1)] public long Discovered { get; init; }
}
