using System.Globalization;
using System.Text;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// Splits text into the chunks that BPE merges never cross: an optional single space followed by a run of letters,
/// of numbers or of other non-space characters; or a run of whitespace. Merges then learn words ("  door" is always
/// " door" after its first space) rather than spans glued across word boundaries. Training and encoding share this
/// splitter, so a change here changes every tokenizer.
/// </summary>
internal static class TextChunker
{
    /// <summary>
    /// Longest chunk, in UTF-16 code units. Bounds the quadratic merge loop and the cache key size on pathological
    /// input (a megabyte without spaces); ordinary words and whitespace runs are far shorter.
    /// </summary>
    public const int MaxChunkLength = 128;

    /// <summary>The length of the chunk at the start of <paramref name="text"/> (which must not be empty).</summary>
    public static int NextChunkLength(ReadOnlySpan<char> text)
    {
        var first = RuneAt(text, 0, out var firstLength);
        if (first.Value == ' ' && firstLength < text.Length)
        {
            var next = RuneAt(text, firstLength, out _);
            var nextCategory = Categorize(next);
            if (nextCategory != ChunkCategory.Whitespace)
            {
                return firstLength + RunLength(text[firstLength..], nextCategory, MaxChunkLength - firstLength);
            }
        }

        var category = Categorize(first);
        var length = RunLength(text, category, MaxChunkLength);
        if (category == ChunkCategory.Whitespace && length > 1 && length < text.Length && text[length - 1] == ' '
            && Categorize(RuneAt(text, length, out _)) != ChunkCategory.Whitespace)
        {
            // The last space of a run leads the following word, so "a  door" and "a door" both end in " door".
            length--;
        }

        return length;
    }

    public static ChunkCategory Categorize(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return ChunkCategory.Whitespace;
        }

        if (Rune.IsLetter(rune))
        {
            return ChunkCategory.Letter;
        }

        if (Rune.IsNumber(rune))
        {
            return ChunkCategory.Number;
        }

        // Combining marks stay with the letters they modify, so "é" written as e + U+0301 is one word.
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark
            ? ChunkCategory.Letter
            : ChunkCategory.Other;
    }

    /// <summary>Code units of the run of <paramref name="category"/> at the start, at most <paramref name="limit"/>, whole runes only.</summary>
    private static int RunLength(ReadOnlySpan<char> text, ChunkCategory category, int limit)
    {
        var length = 0;
        while (length < text.Length)
        {
            var rune = RuneAt(text, length, out var runeLength);
            if (Categorize(rune) != category || length + runeLength > limit)
            {
                break;
            }

            length += runeLength;
        }

        // A run always takes at least its first rune, so the splitter makes progress.
        if (length == 0)
        {
            RuneAt(text, 0, out length);
        }

        return length;
    }

    /// <summary>The rune at <paramref name="index"/>; an unpaired surrogate reads as U+FFFD one code unit long, as UTF-8 encoding treats it.</summary>
    private static Rune RuneAt(ReadOnlySpan<char> text, int index, out int length)
    {
        Rune.DecodeFromUtf16(text[index..], out var rune, out length);
        return rune;
    }
}
