namespace AgentRL.Learning.Exploration;

/// <summary>
/// How a Go-Explore archive weighs cells and how large it may grow. A cell's selection weight is
/// Σ_attr w_attr / √(n_attr + 1) over its counters (seen, chosen, chosen since it last led somewhere new), so rarely
/// visited cells and cells whose explorations keep finding new ones are chosen most.
/// </summary>
public sealed record ArchiveOptions
{
    /// <summary>The most cells kept; past it the least promising cell is evicted (see <see cref="GoExploreArchive"/>).</summary>
    public int Capacity { get; init; } = 10_000;

    public double SeenWeight { get; init; } = 1.0;

    public double ChosenWeight { get; init; } = 0.5;

    public double ChosenSinceNewWeight { get; init; } = 1.0;

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
