using AgentRL.Environments;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// What a search that branches needs from an environment, asynchronously so that it can be an environment grain as well
/// as a plain <see cref="IEnvironment"/> (<see cref="LocalExplorationEnvironment"/>).
/// </summary>
public interface IExplorationEnvironment
{
    Task<EnvironmentStep> ResetAsync(int taskId, int seed);

    Task<EnvironmentStep> StepAsync(string action);

    Task<byte[]> SnapshotAsync();

    Task RestoreAsync(byte[] snapshot);
}
