using AgentRL.Learning.Exploration;

namespace AgentRL.Grains.Exploration;

/// <summary>An archive grain as persisted: the archive, its capacity, and the last iteration's selection.</summary>
[GenerateSerializer]
public sealed class ArchiveGrainState
{
    [Id(0)] public ArchiveState Archive { get; set; } = new();

    [Id(1)] public int Capacity { get; set; } = new ArchiveOptions().Capacity;

    [Id(2)] public int SelectedIteration { get; set; }

    [Id(3)] public List<ArchiveCell> Selected { get; set; } = [];
}
