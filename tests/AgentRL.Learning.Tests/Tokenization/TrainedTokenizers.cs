using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

/// <summary>Tokenizers trained once per test run and shared (they are immutable and thread-safe).</summary>
internal static class TrainedTokenizers
{
    private static readonly Lazy<BpeTokenizer> SentencesTokenizer =
        new(() => new BpeTrainer().Train(SyntheticText.Sentences(5_000, seed: 7), 256 + 1_000 + SpecialTokens.Count));

    private static readonly Lazy<BpeTokenizer> BytesOnlyTokenizer =
        new(() => new BpeTrainer().Train(["x"], BpeTrainer.MinimumVocabularySize));

    /// <summary>1,000 merges learned from synthetic English sentences.</summary>
    public static BpeTokenizer Sentences => SentencesTokenizer.Value;

    /// <summary>No merges: every id is a byte or a special token.</summary>
    public static BpeTokenizer BytesOnly => BytesOnlyTokenizer.Value;
}
