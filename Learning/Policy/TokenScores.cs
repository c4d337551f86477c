namespace AgentRL.Learning.Policy;

/// <summary>Per-token log-probabilities and entropies of a continuation under the policy.</summary>
public sealed record TokenScores(float[] LogProbs, float[] Entropies);
