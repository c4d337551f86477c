using System.Collections.Concurrent;
using AgentRL.Environments;

namespace AgentRL.Grains.Tests;

/// <summary>
/// The coins game, except that the first training episode of each task in the process crashes at reset (a lost
/// episode). Resets with small seeds (the learner's demonstrations and tokenizer corpus use 0, 1, ...) never crash.
/// </summary>
internal sealed class FlakyCoinsEnvironment : IEnvironment
{
    private static readonly ConcurrentDictionary<int, bool> Crashed = new();
    private readonly CoinsEnvironment _inner = new();

    public string Name => "flaky-coins";

    public TaskSplits Splits => _inner.Splits;

    public string CellKey => _inner.CellKey;

    public string? GroundTruth => _inner.GroundTruth;

    public EnvironmentStep Reset(int taskId, int seed = 0) =>
        seed >= 1000 && Crashed.TryAdd(taskId, true) ? throw new IOException($"simulated crash of task {taskId}") : _inner.Reset(taskId, seed);

    public EnvironmentStep Step(string action) => _inner.Step(action);

    public byte[] Snapshot() => _inner.Snapshot();

    public void Restore(ReadOnlySpan<byte> snapshot) => _inner.Restore(snapshot);

    public string? ExpertAction() => _inner.ExpertAction();

    public IReadOnlyList<string>? ValidActions() => _inner.ValidActions();
}
