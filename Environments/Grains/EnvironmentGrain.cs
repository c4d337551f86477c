using AgentRL.Environments.Hosting;

namespace AgentRL.Environments.Grains;

/// <summary>
/// A thin shell around one simulator: identity and messaging come from the grain, everything else from the
/// <see cref="IEnvironment"/>. Not persisted: an environment mid-episode is recreated from a snapshot when needed.
/// Placed beside its first caller: an episode steps its environment every turn, so the two share a silo.
/// </summary>
[PreferLocalPlacement]
public sealed class EnvironmentGrain(EnvironmentRegistry registry) : Grain, IEnvironmentGrain
{
    private IEnvironment? _environment;

    private IEnvironment Environment => _environment ?? throw new InvalidOperationException("The environment grain is not activated.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (name, _) = EnvironmentGrainKey.Parse(this.GetPrimaryKeyString());
        _environment = registry.Create(name);
        return Task.CompletedTask;
    }

    public Task<EnvironmentStep> Reset(int taskId, int seed) => Task.FromResult(Environment.Reset(taskId, seed));

    public Task<EnvironmentStep> Step(string action) => Task.FromResult(Environment.Step(action));

    public Task<byte[]> Snapshot() => Task.FromResult(Environment.Snapshot());

    public Task Restore(byte[] snapshot)
    {
        Environment.Restore(snapshot);
        return Task.CompletedTask;
    }

    public Task<string> CellKey() => Task.FromResult(Environment.CellKey);

    public Task<string?> ExpertAction() => Task.FromResult(Environment.ExpertAction());

    public Task<IReadOnlyList<string>?> ValidActions() => Task.FromResult(Environment.ValidActions());

    public Task<double?> GoalDistance() => Task.FromResult((Environment as IGoalDistance)?.GoalDistance);

    public Task<string?> GroundTruth() => Task.FromResult(Environment.GroundTruth);

    public Task<TaskSplits> Splits() => Task.FromResult(Environment.Splits);
}
