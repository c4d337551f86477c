namespace AgentRL.Learning.Curriculum;

/// <summary>
/// A training start (task and seed) kept for replay: how much its last group could teach (<see cref="Potential"/>) and
/// the iteration that last played it.
/// </summary>
[GenerateSerializer]
public sealed record ReplayedStart(
    [property: Id(0)] int TaskId,
    [property: Id(1)] int Seed,
    [property: Id(2)] double Potential,
    [property: Id(3)] int LastPlayed);
