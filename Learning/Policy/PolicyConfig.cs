namespace AgentRL.Learning.Policy;

/// <summary>The shape of a decoder-only policy in the Llama family.</summary>
public sealed record PolicyConfig(
    int VocabularySize,
    int Dimension,
    int Layers,
    int Heads,
    int Hidden,
    int MaxSequenceLength,
    bool TieEmbeddings = true,
    double RopeTheta = 10_000,
    double NormEps = 1e-6)
{
    /// <summary>For tests: trains in seconds on two cores.</summary>
    public static PolicyConfig Tiny(int vocabularySize) => new(vocabularySize, 64, 2, 4, 176, 512);

    /// <summary>The default on a 2-core machine.</summary>
    public static PolicyConfig Small(int vocabularySize) => new(vocabularySize, 256, 4, 4, 688, 1024);

    /// <summary>For a GPU.</summary>
    public static PolicyConfig Base(int vocabularySize) => new(vocabularySize, 768, 12, 12, 2048, 2048, TieEmbeddings: false);

    public int HeadDimension => Dimension / Heads;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(VocabularySize, 2, nameof(VocabularySize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Layers, 1, nameof(Layers));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSequenceLength, 2, nameof(MaxSequenceLength));
        if (Heads < 1 || Dimension % Heads != 0 || HeadDimension % 2 != 0)
        {
            throw new ArgumentException($"Dimension {Dimension} must split into {Heads} heads of an even size (rotary positions rotate pairs).");
        }
    }
}
