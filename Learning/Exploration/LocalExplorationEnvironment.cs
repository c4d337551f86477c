using AgentRL.Environments;

namespace AgentRL.Learning.Exploration;

/// <summary>A plain environment as an <see cref="IExplorationEnvironment"/> (every call completes at once).</summary>
public sealed class LocalExplorationEnvironment(IEnvironment environment) : IExplorationEnvironment
{
    public Task<EnvironmentStep> ResetAsync(int taskId, int seed) => Task.FromResult(environment.Reset(taskId, seed));

    public Task<EnvironmentStep> StepAsync(string action) => Task.FromResult(environment.Step(action));

    public Task<byte[]> SnapshotAsync() => Task.FromResult(environment.Snapshot());

    public Task RestoreAsync(byte[] snapshot)
    {
        environment.Restore(snapshot);
        return Task.CompletedTask;
    }
}
