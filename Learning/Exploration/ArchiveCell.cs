using AgentRL.Environments;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// One cell of a Go-Explore archive: the best way found so far into a state (highest return, then fewest steps), what
/// restores it, and the counters that selection weighs: how often episodes passed through it, how often it was chosen as
/// a start, and how often it was chosen since an episode started from it last found a new cell.
/// </summary>
[GenerateSerializer]
public sealed record ArchiveCell
{
    [Id(0)] public required string Key { get; init; }

    [Id(1)] public required int TaskId { get; init; }

    [Id(2)] public required int Seed { get; init; }

    [Id(3)] public required string CellKey { get; init; }

    /// <summary>The return of the best episode prefix that reached the cell.</summary>
    [Id(4)] public required double Score { get; init; }

    /// <summary>The environment steps that prefix took.</summary>
    [Id(5)] public required int Length { get; init; }

    [Id(6)] public required byte[] Snapshot { get; init; }

    [Id(7)] public required string Observation { get; init; }

    [Id(8)] public int TimesSeen { get; init; }

    [Id(9)] public int TimesChosen { get; init; }

    [Id(10)] public int TimesChosenSinceNew { get; init; }

    /// <summary>The order in which cells were discovered (0 for the first), the last tie-break of eviction.</summary>
    [Id(11)] public long Discovered { get; init; }

    /// <summary>What the agent faces when an episode starts from this cell (the environment restored to its snapshot).</summary>
    public EnvironmentStep RestoredStep() => new(Observation, 0, Done: false, new StepInfo(Valid: true, Success: false, Score: 0, StepCount: Length));

    public static string KeyOf(int taskId, string cellKey) => $"{taskId}/{cellKey}";

    /// <summary>A cell first seen at <paramref name="visit"/>, with its counters at their start.</summary>
    public static ArchiveCell Of(CellVisit visit, long discovered = 0) => new()
    {
        Key = visit.ArchiveKey, TaskId = visit.TaskId, Seed = visit.Seed, CellKey = visit.CellKey, Score = visit.Score, Length = visit.Length,
        Snapshot = visit.Snapshot, Observation = visit.Observation, TimesSeen = 1, Discovered = discovered,
    };

    /// <summary>Value equality, the snapshot's bytes included (an episode request that names a cell compares equal after a round trip through storage).</summary>
    public bool Equals(ArchiveCell? other) =>
        other is not null && Key == other.Key && TaskId == other.TaskId && Seed == other.Seed && CellKey == other.CellKey && Score.Equals(other.Score)
        && Length == other.Length && Snapshot.AsSpan().SequenceEqual(other.Snapshot) && Observation == other.Observation && TimesSeen == other.TimesSeen
        && TimesChosen == other.TimesChosen && TimesChosenSinceNew == other.TimesChosenSinceNew && Discovered == other.Discovered;

    public override int GetHashCode() => HashCode.Combine(Key, Score, Length, TimesSeen, TimesChosen);

    /// <summary>Whether <paramref name="visit"/> reached this state better: a higher return, or the same in fewer steps.</summary>
    public bool IsImprovedBy(CellVisit visit) => visit.Score > Score || (visit.Score == Score && visit.Length < Length);
}
