namespace AgentRL.Environments.Grains;

/// <summary>
/// One environment instance as a grain, keyed "name/instance" (e.g. "gridworld/episode-42"; see
/// <see cref="EnvironmentGrainKey"/>). It wraps any <see cref="IEnvironment"/> the silo has registered under that name;
/// snapshots cross the wire as bytes.
/// </summary>
public interface IEnvironmentGrain : IGrainWithStringKey
{
    Task<EnvironmentStep> Reset(int taskId, int seed);

    Task<EnvironmentStep> Step(string action);

    Task<byte[]> Snapshot();

    Task Restore(byte[] snapshot);

    Task<string> CellKey();

    Task<string?> ExpertAction();

    Task<IReadOnlyList<string>?> ValidActions();

    /// <summary>
    /// How many steps the current state is from the task being accomplished, by the simulator's own estimate (see
    /// <see cref="IGoalDistance"/>); null for an environment that gives none.
    /// </summary>
    Task<double?> GoalDistance();

    /// <summary>The answer the task is graded against (for learners such as IGPO); null where there is none.</summary>
    Task<string?> GroundTruth();

    Task<TaskSplits> Splits();
}
