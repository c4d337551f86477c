using AgentRL.Environments;
using AgentRL.Environments.Grains;
using AgentRL.Learning.Exploration;

namespace AgentRL.Cli;

/// <summary>An environment grain as the branching search's environment: the search runs here, the environment in the cluster.</summary>
internal sealed class GrainExplorationEnvironment(IEnvironmentGrain grain) : IExplorationEnvironment
{
    public Task<EnvironmentStep> ResetAsync(int taskId, int seed) => grain.Reset(taskId, seed);

    public Task<EnvironmentStep> StepAsync(string action) => grain.Step(action);

    public Task<byte[]> SnapshotAsync() => grain.Snapshot();

    public Task RestoreAsync(byte[] snapshot) => grain.Restore(snapshot);
}
