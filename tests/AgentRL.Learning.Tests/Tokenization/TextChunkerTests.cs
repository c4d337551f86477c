using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class TextChunkerTests
{
    private static List<string> Split(string text)
    {
        var chunks = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var length = TextChunker.NextChunkLength(text.AsSpan(start));
            Assert.InRange(length, 1, TextChunker.MaxChunkLength);
            chunks.Add(text.Substring(start, length));
            start += length;
        }

        return chunks;
    }

    [Fact]
    public void Words_take_their_leading_space()
    {
        Assert.Equal(["You", " see", " a", " red", " door", "."], Split("You see a red door."));
    }

    [Fact]
    public void Numbers_and_other_characters_form_their_own_runs()
    {
        Assert.Equal(["x", "=", "12", ",", " y", "=-", "4", ";", " (", "room", " 3", ")"], Split("x=12, y=-4; (room 3)"));
    }

    [Fact]
    public void The_last_space_of_a_whitespace_run_leads_the_next_word()
    {
        Assert.Equal(["a", "  ", " door", "\n", " key", "\n\n", "end", "  "], Split("a   door\n key\n\nend  "));
    }

    [Fact]
    public void Combining_marks_stay_with_their_letters()
    {
        Assert.Equal(["cafe\u0301", " e\u0301te\u0301"], Split("cafe\u0301 e\u0301te\u0301"));
    }

    [Fact]
    public void Long_runs_are_cut_at_the_limit_without_splitting_a_surrogate_pair()
    {
        var chunks = Split(string.Concat(Enumerable.Repeat("😀", 100)));

        Assert.All(chunks, chunk => Assert.False(char.IsHighSurrogate(chunk[^1])));
        Assert.Equal(TextChunker.MaxChunkLength, chunks[0].Length);
    }
}
