namespace AgentRL.Grains.Training;

/// <summary>A training run as persisted: enough to report it and to resume it where it stopped.</summary>
[GenerateSerializer]
public sealed class TrainingRunState
{
    public TrainingRunConfig? Config { get; set; }

    public RunStatus Status { get; set; }

    /// <summary>Why the run failed, or the last error it recovered from.</summary>
    public string? Message { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>The base model's validation success and score (iteration 0).</summary>
    public double? BaseSuccess { get; set; }

    public double? BaseScore { get; set; }

    /// <summary>Finished iterations, in order; the next one to run is <c>Iterations.Count + 1</c>.</summary>
    public List<IterationRecord> Iterations { get; set; } = [];

    /// <summary>The learner's checkpoint matching the last finished iteration (null before the first).</summary>
    public string? Checkpoint { get; set; }

    public int PolicyVersion { get; set; }

    public double TrainingSeconds { get; set; }

    /// <summary>Task replay's kept starts after the last finished iteration (empty when replay is off).</summary>
    public List<Learning.Curriculum.ReplayedStart> ReplayedStarts { get; set; } = [];
}
