namespace AgentRL.Learning.Exploration;

/// <summary>
/// A state an episode reached, as offered to a <see cref="GoExploreArchive"/>: where it is (task and cell key), how well
/// and how quickly the episode got there (the return so far and the environment's step count), and what restores it
/// (the environment's snapshot and the observation the agent saw there). Terminal states are never offered.
/// </summary>
[GenerateSerializer]
public sealed record CellVisit(
    [property: Id(0)] int TaskId,
    [property: Id(1)] int Seed,
    [property: Id(2)] string CellKey,
    [property: Id(3)] double Score,
    [property: Id(4)] int Length,
    [property: Id(5)] byte[] Snapshot,
    [property: Id(6)] string Observation)
{
    /// <summary>The archive's key: a cell key describes a state within one task, so the task is part of it.</summary>
    public string ArchiveKey => ArchiveCell.KeyOf(TaskId, CellKey);
}
