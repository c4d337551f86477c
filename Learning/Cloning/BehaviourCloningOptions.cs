namespace AgentRL.Learning.Cloning;

public sealed record BehaviourCloningOptions
{
    public int Epochs { get; init; } = 3;

    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Where the cosine decay ends, as a fraction of <see cref="LearningRate"/> (1 keeps the rate constant).</summary>
    public double MinimumLearningRateFraction { get; init; } = 0.05;

    public double WeightDecay { get; init; } = 0.01;

    public double ClipNorm { get; init; } = 1.0;

    /// <summary>
    /// Batches turns of similar context length together (shuffled within windows of <see cref="BucketWindow"/> batches,
    /// batch order shuffled again), so a batch pads to its own longest turn rather than to the longest of the whole set:
    /// on the shop, whose results pages are three times its other pages, an epoch of 400 demonstrations (2,048-token
    /// vocabulary, 416-token context, batches of 32) pads to 431k tokens instead of 898k (405k are real).
    /// </summary>
    public bool BucketByLength { get; init; }

    /// <summary>How many batches' worth of shuffled turns are sorted by length together when bucketing.</summary>
    public int BucketWindow { get; init; } = 16;

    /// <summary>Shuffles the demonstrations each epoch.</summary>
    public ulong Seed { get; init; } = 1;
}
