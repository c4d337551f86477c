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

    /// <summary>
    /// What a 15-minute training run on two CPU cores can afford (d=128, 3 layers, about 0.65 M parameters with a
    /// 400-token vocabulary): the default for training runs.
    /// </summary>
    public static PolicyConfig Compact(int vocabularySize, int maxSequenceLength = 512) => new(vocabularySize, 128, 3, 4, 352, maxSequenceLength);

    /// <summary>The reference size for CPU throughput comparisons.</summary>
    public static PolicyConfig Small(int vocabularySize) => new(vocabularySize, 256, 4, 4, 688, 1024);

    /// <summary>For a GPU.</summary>
    public static PolicyConfig Base(int vocabularySize) => new(vocabularySize, 768, 12, 12, 2048, 2048, TieEmbeddings: false);

    /// <summary>The preset names <see cref="FromPreset"/> knows.</summary>
    public static IReadOnlyList<string> Presets { get; } = ["tiny", "compact", "small", "base"];

    /// <summary>A preset by name, with the positions a context policy needs (at least; presets may allow more).</summary>
    public static PolicyConfig FromPreset(string name, int vocabularySize, int maxSequenceLength)
    {
        var config = name switch
        {
            "tiny" => Tiny(vocabularySize),
            "compact" => Compact(vocabularySize),
            "small" => Small(vocabularySize),
            "base" => Base(vocabularySize),
            _ => throw new ArgumentException($"Unknown model preset '{name}'; use one of {string.Join(", ", Presets)}.", nameof(name)),
        };
        return config with { MaxSequenceLength = Math.Max(config.MaxSequenceLength, maxSequenceLength) };
    }

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
