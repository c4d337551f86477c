namespace AgentRL.Learning.Reinforcement;

/// <summary>Settings of the clipped-surrogate update (defaults from shared/ALGORITHMS.md, scaled for small models).</summary>
public sealed record PpoOptions
{
    public double ClipEpsilon { get; init; } = 0.2;

    /// <summary>β of the k3 KL to the frozen reference; 0 disables the reference pass.</summary>
    public double KlCoefficient { get; init; } = 1e-3;

    public double EntropyCoefficient { get; init; }

    public LearningRateSchedule Schedule { get; init; } = new(1e-4, 0, 1);

    public double WeightDecay { get; init; }

    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Padded tokens (rows × longest context plus action) per mini-batch; a turn is never split.</summary>
    public int TokenBudget { get; init; } = 4096;

    /// <summary>Passes over each batch of rollouts.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>
    /// How token losses are averaged: a token-mean (the default; long trajectories weigh more) or a trajectory-mean
    /// (each trajectory weighs the same; with mean-centred advantages, winners and losers then balance).
    /// </summary>
    public LossAggregation Aggregation { get; init; } = LossAggregation.TokenMean;

    /// <summary>
    /// Decoupled PPO, for rollouts sampled by an older policy than the learner's (asynchronous rollouts): the ratio is
    /// clipped around the policy as the update starts (its log-probs recomputed once) rather than around the sampling
    /// policy, and each token is weighted by π_start / π_sampling, capped at <see cref="MaxBehaviourWeight"/>. With
    /// the standard clip, a stale token whose ratio already left [1 − ε, 1 + ε] contributes no gradient. On-policy,
    /// both give the same update.
    /// </summary>
    public bool ClipAroundCurrentPolicy { get; init; }

    /// <summary>The cap on the importance weight π_start / π_sampling of <see cref="ClipAroundCurrentPolicy"/>.</summary>
    public double MaxBehaviourWeight { get; init; } = 2.0;

    /// <summary>The sampling temperature: old and new log-probs are both taken at it.</summary>
    public double Temperature { get; init; } = 1.0;
}
