namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Monitoring of one update, token-means over the trained action tokens: the surrogate loss, the k3 KL to the
/// reference, the approximate KL to the sampling policy, the fraction of clipped ratios, the entropy, the gradient
/// norm before clipping, and the learning rate.
/// </summary>
public sealed record UpdateMetrics(double PolicyLoss, double KlToReference, double KlToOld, double ClipFraction, double Entropy, double GradientNorm, double LearningRate, int Tokens, int MiniBatches);
