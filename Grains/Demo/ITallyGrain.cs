namespace AgentRL.Grains.Demo;

/// <summary>A persistent tally: the demo fans increments out over many of these and checks every total.</summary>
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/>, persists, and returns the new total.</summary>
    Task<long> Add(long amount);

    Task<long> Get();
}
