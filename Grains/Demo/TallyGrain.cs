namespace AgentRL.Grains.Demo;

[GenerateSerializer]
public sealed class TallyState
{
    public long Total { get; set; }
}

public sealed class TallyGrain([PersistentState("tally")] IPersistentState<TallyState> state) : Grain, ITallyGrain
{
    public async Task<long> Add(long amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<long> Get() => Task.FromResult(state.State.Total);
}
