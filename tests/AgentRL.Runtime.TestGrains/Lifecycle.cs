using System.Collections.Concurrent;

namespace AgentRL.Runtime.TestGrains;

/// <summary>Records activations and deactivations per key, so tests can observe the runtime's lifecycle.</summary>
public sealed class Lifecycle
{
    private readonly ConcurrentDictionary<string, int> _activations = new();
    private readonly ConcurrentQueue<(string Key, DeactivationReason Reason)> _deactivations = new();

    public void Activated(string key) => _activations.AddOrUpdate(key, 1, (_, n) => n + 1);

    public void Deactivated(string key, DeactivationReason reason) => _deactivations.Enqueue((key, reason));

    public int ActivationCount(string key) => _activations.GetValueOrDefault(key);

    public IReadOnlyList<DeactivationReason> DeactivationsOf(string key) =>
        _deactivations.Where(d => d.Key == key).Select(d => d.Reason).ToList();
}
