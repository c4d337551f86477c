using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.TestGrains;

/// <summary>A grain placed at random that says which silo runs it and keeps a persisted total (cluster tests).</summary>
public interface ISiloProbeGrain : IGrainWithStringKey
{
    /// <summary>The name of the silo running this activation.</summary>
    Task<string> Silo();

    /// <summary>Adds and persists; returns the new total.</summary>
    Task<int> Add(int amount);

    /// <summary>The payload's length (for message-size tests).</summary>
    Task<int> Measure(byte[] payload);

    /// <summary>Waits, then returns the silo name (for calls in flight when a silo dies).</summary>
    Task<string> SlowSilo(int milliseconds);
}

public sealed class SiloProbeGrain(IOptions<SiloOptions> silo, [PersistentState("total")] IPersistentState<CounterState> state) : Grain, ISiloProbeGrain
{
    public static readonly Lifecycle Activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.Activated(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Activations.Deactivated(this.GetPrimaryKeyString(), reason);
        return Task.CompletedTask;
    }

    public Task<string> Silo() => Task.FromResult(silo.Value.SiloName);

    public async Task<int> Add(int amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> Measure(byte[] payload) => Task.FromResult(payload.Length);

    public async Task<string> SlowSilo(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return silo.Value.SiloName;
    }
}
