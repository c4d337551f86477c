using AgentRL.Learning.Exploration;

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
    /// Go-Explore: start from this archive cell instead of the task's start (the environment is reset to the cell's task
    /// and seed, then restored from its snapshot); the trajectory names the cell in its StartedFrom.
    /// </summary>
    public ArchiveCell? StartCell { get; init; }

    /// <summary>
    /// SpannerSampling: the first action, chosen for this group member from spanning proposals rather than sampled; the
    /// turn is recorded as forced (never trained on) and the policy acts from the next turn on.
    /// </summary>
    public ActResult? FirstAction { get; init; }

    /// <summary>Go-Explore: the archive grain (see <see cref="Exploration.ArchiveKey"/>) that the states this episode reaches are offered to.</summary>
    public string? Archive { get; init; }

    /// <summary>
    /// Records on each turn how many steps closer to the goal its action brought the environment (<see
    /// cref="Learning.Trajectories.Turn.Progress"/>), for progress shaping; environments without a goal distance record 0.
    /// </summary>
    public bool MeasureProgress { get; init; }

    /// <summary>
    /// After this many turns the episode ends as a failure (score 0): a cap on training episodes (Go-Explore's bounded
    /// exploration from a cell), and a safety net for environments whose step limit is missing or broken.
    /// </summary>
    public int MaxTurns { get; init; } = DefaultMaxTurns;

    /// <summary>
    /// After this many turns without coming closer to the goal than ever before, by the environment's distance, the
    /// episode ends as a failure (0: never); environments without a goal distance never stall. Turns then record their
    /// progress as with <see cref="MeasureProgress"/>.
    /// </summary>
    public int StallTurns { get; init; }

    public const int DefaultMaxTurns = 1000;
}
