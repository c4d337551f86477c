using System.Text;

namespace AgentRL.Learning.Tests.Tokenization;

/// <summary>Seeded text for tokenizer tests: English-like sentences from a seeded word list, and random Unicode.</summary>
internal static class SyntheticText
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ran", "te", "vos", "bel", "dun", "shi", "por", "qua", "zen", "tri", "fal", "gor", "ne",
    ];

    private static readonly string[] CommonWords =
    [
        "the", "a", "red", "green", "blue", "yellow", "door", "key", "ball", "box", "room", "agent", "goal", "wall",
        "open", "closed", "locked", "pick", "up", "drop", "toggle", "go", "forward", "turn", "left", "right", "you",
        "see", "are", "facing", "carrying", "nothing", "to", "of", "in", "north", "south", "east", "west", "step",
    ];

    private static readonly string[] Punctuation = [".", ",", ";", ":", "!", "?"];

    /// <summary>
    /// Common words first, then invented ones: enough distinct text for a thousand merges, drawn Zipf-like.
    /// Declared after the lists it is built from because static fields initialise in text order.
    /// </summary>
    private static readonly string[] Words = [.. CommonWords, .. InventedWords(600)];

    private static string[] InventedWords(int count)
    {
        var random = new Random(1);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var syllables = random.Next(2, 5);
            words[i] = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.Next(Syllables.Length)]));
        }

        return words;
    }

    /// <summary>Sentences of 4–12 words, sometimes with numbers and punctuation, one per item.</summary>
    public static List<string> Sentences(int count, int seed)
    {
        var random = new Random(seed);
        var sentences = new List<string>(count);
        var builder = new StringBuilder();
        for (var s = 0; s < count; s++)
        {
            builder.Clear();
            var wordCount = random.Next(4, 13);
            for (var w = 0; w < wordCount; w++)
            {
                if (w > 0)
                {
                    builder.Append(' ');
                }

                var word = random.Next(10) == 0 ? random.Next(0, 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 3))];
                builder.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            }

            builder.Append(Punctuation[random.Next(Punctuation.Length)]);
            sentences.Add(builder.ToString());
        }

        return sentences;
    }

    /// <summary>A random valid UTF-16 string of up to <paramref name="maxRunes"/> code points drawn from many scripts and categories.</summary>
    public static string RandomUnicode(Random random, int maxRunes)
    {
        var builder = new StringBuilder();
        var runes = random.Next(0, maxRunes + 1);
        for (var i = 0; i < runes; i++)
        {
            var value = random.Next(12) switch
            {
                0 => random.Next(0x00, 0x20),          // control characters, tab and newlines
                1 or 2 => random.Next(0x20, 0x7F),     // printable ASCII
                3 => ' ',
                4 => random.Next(0xA0, 0x250),         // Latin-1 and Latin Extended
                5 => random.Next(0x300, 0x370),        // combining diacritical marks
                6 => random.Next(0x4E00, 0x9FFF),      // CJK ideographs
                7 => random.Next(0x1F300, 0x1FAFF),    // emoji (surrogate pairs in UTF-16)
                8 => random.Next(0x0600, 0x06FF),      // Arabic
                9 => random.Next(0x2000, 0x2070),      // general punctuation, odd spaces, zero-width joiners
                10 => random.Next(0x10000, 0x10FFFF),  // anything in the supplementary planes
                _ => random.Next(0x30, 0x3A),          // digits
            };
            if (value is >= 0xD800 and <= 0xDFFF)
            {
                value = 0xFFFD;
            }

            builder.Append(new Rune(value).ToString());
        }

        return builder.ToString();
    }
}
