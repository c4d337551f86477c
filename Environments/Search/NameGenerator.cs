using AgentRL.Environments.Generation;

namespace AgentRL.Environments.Search;

/// <summary>
/// Pronounceable fictional words from syllables. Every word it hands out is new (so a name's distinctive word points
/// at one entity in the index) and never a template word; look-alikes differ from an earlier word in one sound.
/// </summary>
internal sealed class NameGenerator(DeterministicRandom random)
{
    private const string VowelLetters = "aeiou";
    private static readonly string[] LookAlikeCodas = ["n", "r", "l", "s", "m", "k", "x", "v"];

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>A new capitalised word of <paramref name="minSyllables"/> to <paramref name="maxSyllables"/> syllables.</summary>
    public string NewWord(int minSyllables, int maxSyllables, bool allowCoda = true)
    {
        // Far more attempts than any sane knowledge base needs; past that the syllable space is exhausted.
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var syllables = random.Next(minSyllables, maxSyllables + 1);
            var word = string.Empty;
            for (var s = 0; s < syllables; s++)
            {
                word += SearchVocabulary.Onsets[random.Next(SearchVocabulary.Onsets.Length)];
                word += SearchVocabulary.Vowels[random.Next(SearchVocabulary.Vowels.Length)];
            }

            if (allowCoda)
            {
                word += SearchVocabulary.Codas[random.Next(SearchVocabulary.Codas.Length)];
            }

            if (TryClaim(word))
            {
                return Capitalize(word);
            }
        }

        throw new InvalidOperationException("The name generator ran out of distinct names: lower the entity counts in SearchOptions.");
    }

    /// <summary>A new word one sound away from <paramref name="original"/> ("Kelvar" → "Kelvor"), or null if none is free.</summary>
    public string? LookAlike(string original)
    {
        var word = original.ToLowerInvariant();
        var lastVowel = word.LastIndexOfAny(VowelLetters.ToCharArray());
        for (var attempt = 0; attempt < 12; attempt++)
        {
            string candidate;
            if (attempt % 2 == 0 && lastVowel >= 0)
            {
                var vowel = VowelLetters[random.Next(VowelLetters.Length)];
                candidate = word[..lastVowel] + vowel + word[(lastVowel + 1)..];
            }
            else if (!VowelLetters.Contains(word[^1]))
            {
                candidate = word[..^1] + LookAlikeCodas[random.Next(LookAlikeCodas.Length)];
            }
            else
            {
                candidate = word + LookAlikeCodas[random.Next(LookAlikeCodas.Length)];
            }

            if (TryClaim(candidate))
            {
                return Capitalize(candidate);
            }
        }

        return null;
    }

    private bool TryClaim(string word) => !SearchVocabulary.ReservedWords.Contains(word) && _used.Add(word);

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
