namespace AgentRL.Grains.Training;

public enum RunStatus
{
    /// <summary>No run has this id.</summary>
    None,

    Running,

    /// <summary>Stopped by a user; <c>Resume</c> continues it.</summary>
    Stopped,

    Completed,

    /// <summary>Stopped by an error (see the run's message); <c>Resume</c> retries from the last checkpoint.</summary>
    Failed,
}
