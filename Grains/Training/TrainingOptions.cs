namespace AgentRL.Grains.Training;

/// <summary>Where training runs keep their files on a silo (configuration section "AgentRL:Training").</summary>
public sealed class TrainingOptions
{
    public const string Section = "AgentRL:Training";

    /// <summary>Each run gets a folder here with its checkpoints (written by the learner).</summary>
    public string RunsDirectory { get; set; } = Path.Combine("data", "runs");

    /// <summary>
    /// Where this silo's learners train and its policy replicas sample: "auto" (the first GPU when libtorch sees one,
    /// else the CPU), "cpu", "cuda" or "cuda:N". Checkpoints and weight packages are the same whichever it is.
    /// </summary>
    public string Device { get; set; } = "auto";

    /// <summary>Checkpoints kept per run besides the base model's (older ones are deleted).</summary>
    public int CheckpointsToKeep { get; set; } = 2;
}
