namespace AgentRL.Learning.Cloning;

public sealed record BehaviourCloningOptions
{
    public int Epochs { get; init; } = 3;

    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 3e-3;

    public double WeightDecay { get; init; } = 0.01;

    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Shuffles the demonstrations each epoch.</summary>
    public ulong Seed { get; init; } = 1;
}
