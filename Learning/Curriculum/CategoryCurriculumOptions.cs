namespace AgentRL.Learning.Curriculum;

/// <summary>How <see cref="CategoryCurriculum"/> weighs the categories of training tasks.</summary>
public sealed record CategoryCurriculumOptions
{
    /// <summary>
    /// The weight of the newest group in a category's running spread (an exponential moving average); the rest stays
    /// with what earlier groups of that category showed.
    /// </summary>
    public double Rate { get; init; } = 0.2;

    /// <summary>
    /// The spread a category starts with, before any of its groups has played: the largest standard deviation of scores
    /// in [0, 1], so every category is drawn at its natural share until it has shown otherwise.
    /// </summary>
    public double InitialSpread { get; init; } = 0.5;

    /// <summary>
    /// No category's spread counts for less than this share of the largest one's, so a category the policy has settled
    /// is still drawn now and then and a relapse shows.
    /// </summary>
    public double Floor { get; init; } = 0.1;

    /// <summary>
    /// Whether a category's weight includes its share of the training tasks. Without it, categories of equal spread are
    /// drawn equally often whatever their size; with a floor of 1 that is a fixed, uniform draw over categories, which
    /// gives a rare, hard category as many groups as a common, easy one.
    /// </summary>
    public bool WeighByTaskShare { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate()
    {
        if (Rate is <= 0 or > 1)
        {
            throw new ArgumentException($"The curriculum's rate must lie in (0, 1]; it is {Rate}.");
        }

        if (!(InitialSpread > 0))
        {
            throw new ArgumentException($"The curriculum's initial spread must be positive; it is {InitialSpread}.");
        }

        if (Floor is <= 0 or > 1)
        {
            throw new ArgumentException($"The curriculum's floor must lie in (0, 1]; it is {Floor}.");
        }
    }
}
