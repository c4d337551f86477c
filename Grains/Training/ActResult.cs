namespace AgentRL.Grains.Training;

/// <summary>
/// One sampled action with everything training needs: the observation's tokens (for later contexts), the exact context
/// the policy was shown, the action tokens and their log-probs at sampling time, the weight version used, and how many
/// requests shared the forward pass (batching at work).
/// </summary>
[GenerateSerializer]
public sealed record ActResult(
    [property: Id(0)] int[] ObservationTokens,
    [property: Id(1)] int[] ContextTokens,
    [property: Id(2)] int[] ActionTokens,
    [property: Id(3)] float[] LogProbs,
    [property: Id(4)] string Action,
    [property: Id(5)] int Version,
    [property: Id(6)] int BatchSize)
{
    /// <summary>Value equality, the token arrays included (an episode request that carries a chosen first action compares equal after storage).</summary>
    public bool Equals(ActResult? other) =>
        other is not null && ObservationTokens.AsSpan().SequenceEqual(other.ObservationTokens) && ContextTokens.AsSpan().SequenceEqual(other.ContextTokens)
        && ActionTokens.AsSpan().SequenceEqual(other.ActionTokens) && LogProbs.AsSpan().SequenceEqual(other.LogProbs) && Action == other.Action
        && Version == other.Version && BatchSize == other.BatchSize;

    public override int GetHashCode() => HashCode.Combine(Action, Version, ActionTokens.Length, ContextTokens.Length);
}
