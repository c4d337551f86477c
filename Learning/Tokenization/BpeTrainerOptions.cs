namespace AgentRL.Learning.Tokenization;

/// <summary>Settings of <see cref="BpeTrainer"/>.</summary>
public sealed class BpeTrainerOptions
{
    /// <summary>
    /// Training stops early, with a smaller vocabulary than asked for, once the most frequent pair occurs fewer times
    /// than this: a merge seen once only memorises one string of the corpus.
    /// </summary>
    public int MinimumPairFrequency { get; set; } = 2;
}
