using AgentRL.Environments;
using AgentRL.Learning.Exploration;

namespace AgentRL.Learning.Rollout;

/// <summary>
/// Where an episode of the plain loop begins: a task reset with a seed, or, with <see cref="From"/>, the state of a
/// Go-Explore archive cell (the environment is reset to the cell's task and seed, then restored from its snapshot).
/// </summary>
public sealed record EpisodeStart(IEnvironment Environment, int TaskId, int Seed, ArchiveCell? From = null)
{
    /// <summary>Puts the environment where the episode begins and returns what the agent sees there.</summary>
    public EnvironmentStep Begin()
    {
        if (From is null)
        {
            return Environment.Reset(TaskId, Seed);
        }

        Environment.Reset(From.TaskId, From.Seed);
        Environment.Restore(From.Snapshot);
        return From.RestoredStep();
    }
}
