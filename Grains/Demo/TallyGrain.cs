namespace AgentRL.Grains.Demo;

/// <summary>Keeps its total in SQLite (or whichever "Default" storage the silo has) and writes on every change.</summary>
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
