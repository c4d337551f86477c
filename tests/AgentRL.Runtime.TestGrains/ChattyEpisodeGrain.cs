namespace AgentRL.Runtime.TestGrains;

/// <summary>An episode-shaped grain: many sequential calls to a grain placed beside it (cluster fault tests).</summary>
public interface IChattyEpisodeGrain : IGrainWithStringKey
{
    /// <summary>Calls its partner <paramref name="steps"/> times, pausing between calls; returns the partner's count.</summary>
    Task<int> Run(int steps, int pauseMilliseconds);
}

public sealed class ChattyEpisodeGrain : Grain, IChattyEpisodeGrain
{
    public async Task<int> Run(int steps, int pauseMilliseconds)
    {
        var partner = GrainFactory.GetGrain<IChattyPartnerGrain>(this.GetPrimaryKeyString());
        var count = 0;
        for (var step = 0; step < steps; step++)
        {
            count = await partner.Step();
            await Task.Delay(pauseMilliseconds);
        }

        return count;
    }
}

public interface IChattyPartnerGrain : IGrainWithStringKey
{
    Task<int> Step();
}

[PreferLocalPlacement]
public sealed class ChattyPartnerGrain : Grain, IChattyPartnerGrain
{
    private int _count;

    public Task<int> Step() => Task.FromResult(++_count);
}
