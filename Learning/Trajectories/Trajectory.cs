namespace AgentRL.Learning.Trajectories;

/// <summary>
/// An episode: its task, its turns, how it ended, the policy version that produced it, and the cell key of the state it
/// started from (each turn records the key of the state its action led to, so this completes the states acted in).
/// Where the environment exposes a ground truth it is kept, and for IGPO so is how likely the policy found it at the start
/// of each turn (<see cref="GroundTruthLogProbs"/>, written by <see cref="Rollout.GroundTruthProbe"/>). An episode that
/// Go-Explore started from an archive cell (the environment restored to it, the policy acting from there) names the cell in
/// <see cref="StartedFrom"/>; its turns are the policy's own from that state, so it trains like any other.
/// </summary>
[GenerateSerializer]
public sealed record Trajectory(
    [property: Id(0)] string Environment,
    [property: Id(1)] int TaskId,
    [property: Id(2)] int Seed,
    [property: Id(3)] IReadOnlyList<Turn> Turns,
    [property: Id(4)] double Score,
    [property: Id(5)] bool Success,
    [property: Id(6)] int PolicyVersion,
    [property: Id(7)] string StartCellKey = "",
    [property: Id(8)] string? GroundTruth = null,
    [property: Id(9)] double[]? GroundTruthLogProbs = null,
    [property: Id(10)] string? StartedFrom = null)
{
    /// <summary>The cell key of the state turn <paramref name="turn"/> acted in.</summary>
    public string CellKeyBefore(int turn) => turn == 0 ? StartCellKey : Turns[turn - 1].CellKey;

    /// <summary>The sum of the turns' rewards.</summary>
    public double Return => Turns.Sum(t => t.Reward);

    /// <summary>Action tokens over all turns (what a trainer pays for).</summary>
    public int ActionTokenCount => Turns.Sum(t => t.ActionTokens.Length);
}
