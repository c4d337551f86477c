namespace AgentRL.Learning.Trajectories;

/// <summary>An episode: its task, its turns, how it ended, and the policy version that produced it.</summary>
public sealed record Trajectory(
    string Environment,
    int TaskId,
    int Seed,
    IReadOnlyList<Turn> Turns,
    double Score,
    bool Success,
    int PolicyVersion)
{
    /// <summary>The sum of the turns' rewards.</summary>
    public double Return => Turns.Sum(t => t.Reward);

    /// <summary>Action tokens over all turns (what a trainer pays for).</summary>
    public int ActionTokenCount => Turns.Sum(t => t.ActionTokens.Length);
}
