using System.Text;
using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class BpeTokenizerRoundTripTests
{
    public static TheoryData<string> Tokenizers => ["sentences", "bytes-only"];

    private static BpeTokenizer Named(string name) => name == "sentences" ? TrainedTokenizers.Sentences : TrainedTokenizers.BytesOnly;

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Random_unicode_strings_round_trip_exactly(string tokenizerName)
    {
        var tokenizer = Named(tokenizerName);
        var random = new Random(2026);
        for (var i = 0; i < 3_000; i++)
        {
            var text = SyntheticText.RandomUnicode(random, maxRunes: 60);
            var ids = tokenizer.Encode(text);

            Assert.Equal(text, tokenizer.Decode(ids));
            Assert.Equal(Encoding.UTF8.GetBytes(text), tokenizer.DecodeBytes(ids));
            Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.Special.FirstId - 1));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("Go to the red door.")]
    [InlineData("  leading and trailing  ")]
    [InlineData("tabs\tand\r\nnewlines\n\n\n")]
    [InlineData("e\u0301te\u0301 cafe\u0301")]
    [InlineData("👩‍👩‍👧 family, 🇫🇷 flag, 👍🏽 skin tone")]
    [InlineData("日本語のテキストと中文")]
    [InlineData("\u0000\u0001\u001F\u007F")]
    [InlineData("x=3,y=-4; (room 2) [key]")]
    public void Edge_case_strings_round_trip_exactly(string text)
    {
        foreach (var tokenizer in new[] { TrainedTokenizers.Sentences, TrainedTokenizers.BytesOnly })
        {
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Theory]
    [InlineData("a", 1_000)]
    [InlineData(" ", 1_000)]
    [InlineData("😀", 500)]
    [InlineData("a😀", 300)]
    [InlineData("1", 700)]
    [InlineData("ab\u0301", 300)]
    public void Runs_longer_than_the_chunk_limit_round_trip_without_splitting_surrogate_pairs(string unit, int repeats)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeats));
        var tokenizer = TrainedTokenizers.Sentences;

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void Appending_encoder_matches_the_array_encoder_and_keeps_what_was_there()
    {
        var tokenizer = TrainedTokenizers.Sentences;
        var text = string.Join(' ', SyntheticText.Sentences(20, seed: 3));
        var ids = new List<int> { tokenizer.Special.Observation };

        tokenizer.Encode(text.AsSpan(), ids);

        Assert.Equal([tokenizer.Special.Observation, .. tokenizer.Encode(text)], ids);
    }

    [Fact]
    public void Encoding_is_the_same_from_many_threads_as_from_one()
    {
        // Two tokenizers with the same merges: one warms its cache from many threads, the other encodes alone.
        var corpus = SyntheticText.Sentences(2_000, seed: 11);
        var tokenizer = new BpeTrainer().Train(corpus, 600);
        var reference = new BpeTrainer().Train(corpus, 600);
        var texts = SyntheticText.Sentences(2_000, seed: 12);
        var expected = texts.Select(reference.Encode).ToArray();

        var actual = new int[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = tokenizer.Encode(texts[i]));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Lone_surrogates_encode_as_the_replacement_character()
    {
        var tokenizer = TrainedTokenizers.Sentences;

        Assert.Equal("a\uFFFDb\uFFFD", tokenizer.Decode(tokenizer.Encode("a\uD800b\uDC00")));
    }
}
