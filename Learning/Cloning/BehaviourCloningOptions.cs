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

    /// <summary>Shuffles the demonstrations each epoch.</summary>
    public ulong Seed { get; init; } = 1;
}
