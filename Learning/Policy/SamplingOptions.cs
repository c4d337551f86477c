namespace AgentRL.Learning.Policy;

/// <summary>How <see cref="PolicySampler"/> decodes.</summary>
public sealed record SamplingOptions
{
    /// <summary>Logits are divided by this before softmax; recorded log-probs use the same scaled distribution.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling: draw only from the smallest set of tokens whose probability reaches this.</summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Always take the most likely token (ties to the lowest id).</summary>
    public bool Greedy { get; init; }

    public int MaxNewTokens { get; init; } = 32;

    /// <summary>Tokens that end a sequence (included in its output), e.g. end-of-action.</summary>
    public IReadOnlySet<int> StopTokens { get; init; } = new HashSet<int>();

    /// <summary>The token used to left-pad prompts; it is masked out of attention.</summary>
    public int PaddingToken { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Temperature, nameof(Temperature));
        if (TopP is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNewTokens, nameof(MaxNewTokens));
    }
}
