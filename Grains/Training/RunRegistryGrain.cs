namespace AgentRL.Grains.Training;

public sealed class RunRegistryGrain([PersistentState("registry")] IPersistentState<RunRegistryState> state) : Grain, IRunRegistryGrain
{
    public async Task Register(string runId)
    {
        if (!state.State.RunIds.Contains(runId))
        {
            state.State.RunIds.Add(runId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> RunIds() => Task.FromResult<IReadOnlyList<string>>(state.State.RunIds.ToList());
}
