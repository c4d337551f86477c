namespace AgentRL.Learning.Exploration;

/// <summary>
/// How a Go-Explore archive weighs cells and how large it may grow. A cell's selection weight is
/// Σ_attr w_attr / √(n_attr + 1) over its counters (seen, chosen, chosen since it last led somewhere new). The default
/// is the simplest working form, 1/√(seen + 1): rarely visited cells, the frontier, are chosen most. The chosen counters
/// add a floor of w_attr to every cell never chosen, which flattens the choice over a large archive (on the
/// hard-exploration gridworld, thousands of cells near the start), so they are off unless asked for.
/// </summary>
public sealed record ArchiveOptions
{
    /// <summary>The most cells kept; past it the least promising cell is evicted (see <see cref="GoExploreArchive"/>).</summary>
    public int Capacity { get; init; } = 10_000;

    public double SeenWeight { get; init; } = 1.0;

    public double ChosenWeight { get; init; }

    public double ChosenSinceNewWeight { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (Capacity < 1)
        {
            throw new ArgumentException("The archive's capacity must be at least 1.");
        }

        if (SeenWeight < 0 || ChosenWeight < 0 || ChosenSinceNewWeight < 0 || SeenWeight + ChosenWeight + ChosenSinceNewWeight <= 0)
        {
            throw new ArgumentException("The archive's selection weights cannot be negative, and at least one must be positive.");
        }
    }
}
