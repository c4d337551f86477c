namespace AgentRL.Learning.Exploration;

/// <summary>The representation bonus's settings (shared/ALGORITHMS.md "Exploration from representations").</summary>
public sealed record RepresentationBonusOptions
{
    /// <summary>The bonus's weight next to the episode's score.</summary>
    public double Coefficient { get; init; } = 0.01;

    /// <summary>λ of Σ = λI + Σ φφᵀ.</summary>
    public double Lambda { get; init; } = 0.01;

    /// <summary>The projected feature dimension d.</summary>
    public int Dimension { get; init; } = 64;

    /// <summary>Seeds the random projection.</summary>
    public ulong Seed { get; init; } = 17;

    /// <summary>
    /// Leave groups in which no rollout succeeded as they are: there the bonus alone would set the advantages and the
    /// policy would learn to seek novelty for its own sake.
    /// </summary>
    public bool OnlyGroupsWithSuccess { get; init; } = true;

    public void Validate()
    {
        if (Coefficient < 0 || !(Lambda > 0) || Dimension < 1)
        {
            throw new ArgumentException("The representation bonus needs a non-negative coefficient, a positive λ and a dimension of at least 1.");
        }
    }
}
