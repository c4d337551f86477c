using System.Runtime.InteropServices;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// Learns the merges of a <see cref="BpeTokenizer"/> from text. Deterministic: the same corpus and size give the same
/// merges in any process, because frequency ties go to the pair with the smaller (left, right) ids and nothing
/// depends on hash order.
/// </summary>
public sealed class BpeTrainer
{
    private readonly BpeTrainerOptions _options;

    public BpeTrainer(BpeTrainerOptions? options = null)
    {
        _options = options ?? new BpeTrainerOptions();
        if (_options.MinimumPairFrequency < 1)
        {
            throw new ArgumentException($"MinimumPairFrequency must be at least 1, not {_options.MinimumPairFrequency}.", nameof(options));
        }
    }

    /// <summary>The smallest vocabulary: every byte and every special token, no merges.</summary>
    public static int MinimumVocabularySize => BpeTokenizer.ByteCount + SpecialTokens.Count;

    /// <summary>
    /// Learns up to <paramref name="vocabularySize"/> − <see cref="MinimumVocabularySize"/> merges from
    /// <paramref name="corpus"/>. The result is smaller than asked for when the corpus runs out of pairs occurring
    /// at least <see cref="BpeTrainerOptions.MinimumPairFrequency"/> times.
    /// </summary>
    public BpeTokenizer Train(IEnumerable<string> corpus, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (vocabularySize < MinimumVocabularySize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(vocabularySize),
                vocabularySize,
                $"The vocabulary must hold at least the {BpeTokenizer.ByteCount} bytes and {SpecialTokens.Count} special tokens ({MinimumVocabularySize} ids).");
        }

        var chunkFrequencies = CountChunks(corpus);
        if (chunkFrequencies.Count == 0)
        {
            throw new ArgumentException("The corpus has no text to learn merges from.", nameof(corpus));
        }

        var state = new BpeTrainingState(chunkFrequencies);
        var mergeBudget = vocabularySize - MinimumVocabularySize;
        var merges = new List<(int Left, int Right)>();
        while (merges.Count < mergeBudget && state.TryTakeMostFrequentPair(_options.MinimumPairFrequency, out var pair))
        {
            state.Merge(pair, BpeTokenizer.ByteCount + merges.Count);
            merges.Add(pair);
        }

        return new BpeTokenizer(merges);
    }

    /// <summary>How often each distinct chunk occurs: merges only ever look inside one chunk, so this is all training needs.</summary>
    private static Dictionary<string, long> CountChunks(IEnumerable<string> corpus)
    {
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        var bySpan = frequencies.GetAlternateLookup<ReadOnlySpan<char>>();
        var index = 0;
        foreach (var text in corpus)
        {
            if (text is null)
            {
                throw new ArgumentException($"Corpus item {index} is null.", nameof(corpus));
            }

            var rest = text.AsSpan();
            while (!rest.IsEmpty)
            {
                var length = TextChunker.NextChunkLength(rest);
                CollectionsMarshal.GetValueRefOrAddDefault(bySpan, rest[..length], out _)++;
                rest = rest[length..];
            }

            index++;
        }

        return frequencies;
    }
}
