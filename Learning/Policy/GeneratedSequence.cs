namespace AgentRL.Learning.Policy;

/// <summary>
/// What one prompt produced: the exact sampled token ids, the log-probability of each under the (temperature-scaled)
/// policy at sampling time, and whether a stop token ended it (rather than the length cap).
/// </summary>
public sealed record GeneratedSequence(int[] Tokens, float[] LogProbs, bool Stopped);
