namespace AgentRL.Learning.Reinforcement;

/// <summary>Which successes <see cref="SuccessReplay"/> keeps and how often later updates train on them again.</summary>
public sealed record SuccessReplayOptions
{
    /// <summary>The most kept successes an update trains on again.</summary>
    public int PerUpdate { get; init; } = 16;

    /// <summary>How many later updates train on each kept success.</summary>
    public int Replays { get; init; } = 2;

    /// <summary>Updates after its own during which a kept success may be replayed; older ones are dropped.</summary>
    public int MaxAge { get; init; } = 8;

    /// <summary>A success is kept only when at least this share of its group failed: the rarer, the more it has to teach.</summary>
    public double MinimumFailedShare { get; init; } = 0.5;

    /// <summary>The most successes kept; past it the oldest go.</summary>
    public int Capacity { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (PerUpdate < 1 || Replays < 1 || MaxAge < 1 || Capacity < 1)
        {
            throw new ArgumentException($"A success replay needs PerUpdate, Replays, MaxAge and Capacity of at least 1; they are {PerUpdate}, {Replays}, {MaxAge} and {Capacity}.");
        }

        if (MinimumFailedShare is < 0 or > 1)
        {
            throw new ArgumentException($"The minimum failed share must lie in [0, 1]; it is {MinimumFailedShare}.");
        }
    }
}
