namespace AgentRL.Learning.Curriculum;

/// <summary>
/// How <see cref="TaskReplay"/> picks starts to play again. The defaults follow prioritised level replay (Jiang et al.,
/// 2021) scaled to groups: half of an iteration's groups replay, by rank of learning potential with a little weight on
/// how long a start has waited.
/// </summary>
public sealed record TaskReplayOptions
{
    /// <summary>The share of each iteration's groups that start from replayed starts; 0 turns replay off.</summary>
    public double Fraction { get; init; } = 0.5;

    /// <summary>The most starts kept; past it the one with the least potential (the longest waiting of equals) goes.</summary>
    public int Capacity { get; init; } = 256;

    /// <summary>β of the rank prioritisation: a start's weight is (1 / rank)^(1 / β), so a small β replays the top few.</summary>
    public double Temperature { get; init; } = 0.3;

    /// <summary>
    /// The weight of staleness in the choice: (1 − w) × rank weight + w × the share of waiting iterations, so a start
    /// whose potential was measured long ago is measured again.
    /// </summary>
    public double StalenessWeight { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (Fraction is < 0 or > 1)
        {
            throw new ArgumentException($"The replay fraction must lie in [0, 1]; it is {Fraction}.");
        }

        if (Capacity < 1)
        {
            throw new ArgumentException($"The replay capacity must be at least 1; it is {Capacity}.");
        }

        if (!(Temperature > 0))
        {
            throw new ArgumentException($"The replay temperature must be positive; it is {Temperature}.");
        }

        if (StalenessWeight is < 0 or > 1)
        {
            throw new ArgumentException($"The replay's staleness weight must lie in [0, 1]; it is {StalenessWeight}.");
        }
    }
}
