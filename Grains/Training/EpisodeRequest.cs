namespace AgentRL.Grains.Training;

/// <summary>
/// What an episode grain plays: an environment task, with a policy (a <see cref="PolicySource"/> key), the oldest
/// weight version allowed, and how to sample.
/// </summary>
[GenerateSerializer]
public sealed record EpisodeRequest
{
    public required string Policy { get; init; }

    public required string Environment { get; init; }

    public int TaskId { get; init; }

    public int Seed { get; init; }

    public int MinPolicyVersion { get; init; }

    public double Temperature { get; init; } = 1.0;

    /// <summary>The most tokens one action may take.</summary>
    public int MaxActionTokens { get; init; } = 16;

    /// <summary>Past turns sent with each request (the policy's context keeps at most this many).</summary>
    public int ContextTurns { get; init; }

    /// <summary>
    /// When set (IGPO), the finished episode scores the environment's ground truth after this answer prefix at the start
    /// of every turn (<see cref="Learning.Trajectories.Trajectory.GroundTruthLogProbs"/>), through the policy replica.
    /// </summary>
    public string? AnswerPrefix { get; init; }

    /// <summary>
    /// A safety net for environments whose step limit is missing or broken: after this many turns the episode ends as
    /// a failure (score 0) instead of running forever.
    /// </summary>
    public int MaxTurns { get; init; } = 1000;
}
