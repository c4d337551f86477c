namespace AgentRL.Environments;

/// <summary>
/// A deterministic, restorable, text-in/text-out environment. Implementations are plain classes (no grains): the
/// environment grain wraps any of them. One instance runs one episode at a time and is not thread-safe.
/// </summary>
public interface IEnvironment
{
    /// <summary>The registered name, e.g. "gridworld".</summary>
    string Name { get; }

    /// <summary>Which task ids belong to the train, validation and test splits (fixed).</summary>
    TaskSplits Splits { get; }

    /// <summary>
    /// Starts an episode of task <paramref name="taskId"/>. Everything that follows is a pure function of
    /// (environment content seed, <paramref name="taskId"/>, <paramref name="seed"/>, actions).
    /// </summary>
    EnvironmentStep Reset(int taskId, int seed = 0);

    /// <summary>
    /// Applies the agent's text action. An invalid action never ends or corrupts the episode: the state is unchanged,
    /// the observation says why, <see cref="StepInfo.Valid"/> is false and a small penalty applies (and it uses a
    /// step, so the step limit still ends the episode). Stepping before Reset or after the episode is done is a
    /// caller's mistake and throws <see cref="InvalidOperationException"/>.
    /// </summary>
    EnvironmentStep Step(string action);

    /// <summary>The complete state as bytes: restoring it and replaying the same actions gives the same observations.</summary>
    byte[] Snapshot();

    /// <summary>Restores a state from <see cref="Snapshot"/>; throws <see cref="FormatException"/> for bytes it did not write.</summary>
    void Restore(ReadOnlySpan<byte> snapshot);

    /// <summary>A compact description of the current state, equal across episodes that reach the same state.</summary>
    string CellKey { get; }

    /// <summary>The scripted expert's next action, or null once the episode is over.</summary>
    string? ExpertAction();

    /// <summary>The actions valid now, for environments that have a finite list; otherwise null.</summary>
    IReadOnlyList<string>? ValidActions();

    /// <summary>
    /// The answer the current task is graded against, for learners that need it (IGPO); never part of an
    /// observation. Null for environments without one.
    /// </summary>
    string? GroundTruth { get; }
}
