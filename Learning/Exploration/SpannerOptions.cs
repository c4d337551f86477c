namespace AgentRL.Learning.Exploration;

/// <summary>Settings of <see cref="SpannerExplorer"/>.</summary>
public sealed record SpannerOptions
{
    /// <summary>N: actions drawn from the model (sampling-oracle calls) at every state being explored.</summary>
    public int Candidates { get; init; } = 16;

    /// <summary>k: the spanning actions tried in the environment per turn, over all states being explored; also the most states kept.</summary>
    public int Branches { get; init; } = 4;

    /// <summary>Turns after which the search gives up.</summary>
    public int MaxTurns { get; init; } = 64;

    /// <summary>λ of the spanner's Σ = λI + Σ φφᵀ.</summary>
    public double Lambda { get; init; } = 0.01;

    public void Validate()
    {
        if (Candidates < 1 || Branches < 1 || MaxTurns < 1 || !(Lambda > 0))
        {
            throw new ArgumentException("Spanner exploration needs at least one candidate, one branch and one turn, and a positive λ.");
        }
    }
}
