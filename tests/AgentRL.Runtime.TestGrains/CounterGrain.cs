namespace AgentRL.Runtime.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds and persists; returns the new total.</summary>
    Task<int> Add(int amount);

    Task<int> Get();

    /// <summary>The number of times this grain was activated in this process.</summary>
    Task<int> GetActivationCount();
}

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Total { get; set; }

    [Id(1)]
    public List<int> History { get; set; } = [];
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
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

    public async Task<int> Add(int amount)
    {
        state.State.Total += amount;
        state.State.History.Add(amount);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> Get() => Task.FromResult(state.State.Total);

    public Task<int> GetActivationCount() => Task.FromResult(Activations.ActivationCount(this.GetPrimaryKeyString()));
}
