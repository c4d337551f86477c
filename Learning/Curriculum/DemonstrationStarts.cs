using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;

namespace AgentRL.Learning.Curriculum;

/// <summary>
/// Starts episodes part-way along the scripted expert's path through a task (a restart distribution built from
/// demonstrations, as in learning from a single demonstration or Backplay). A long task's late phase is then trained in
/// short episodes whose rollouts, starting alike, still form a group; a policy-gradient step on them is on-policy from
/// the restored state onward, because the expert's prefix is not part of the trajectory.
/// </summary>
public static class DemonstrationStarts
{
    /// <summary>
    /// Plays the environment's expert from (<paramref name="taskId"/>, <paramref name="seed"/>) and returns every
    /// non-terminal state it passes through, the reset state first, each with its snapshot and observation. Stops where the
    /// expert has no action (the environment has none, or it gives up) or the episode ends.
    /// </summary>
    public static IReadOnlyList<CellVisit> Path(IEnvironment environment, int taskId, int seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var step = environment.Reset(taskId, seed);
        var path = new List<CellVisit>();
        var returned = 0.0;
        while (!step.Done)
        {
            path.Add(new CellVisit(taskId, seed, environment.CellKey, returned, step.Info.StepCount, environment.Snapshot(), step.Observation));
            if (environment.ExpertAction() is not { } action)
            {
                break;
            }

            step = environment.Step(action);
            returned += step.Reward;
        }

        return path;
    }

    /// <summary>
    /// A state drawn uniformly from the expert's path past its first (which a plain reset gives anyway), as a cell that
    /// <see cref="Rollout.EpisodeStart"/> restores; null when the path has no such state.
    /// </summary>
    public static ArchiveCell? Choose(IEnvironment environment, int taskId, int seed, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var path = Path(environment, taskId, seed);
        return path.Count < 2 ? null : ArchiveCell.Of(path[1 + random.Next(path.Count - 1)]);
    }
}
