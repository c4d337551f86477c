using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class BpeTokenizerDecodeTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Decoding_an_id_outside_the_vocabulary_throws_naming_it(int badId)
    {
        var tokenizer = TrainedTokenizers.Sentences;

        foreach (var decode in new Action[] { () => tokenizer.Decode([104, badId]), () => tokenizer.DecodeBytes([badId]) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(decode);
            Assert.Equal(badId, error.ActualValue);
            Assert.Contains(badId.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_first_id_past_the_vocabulary_is_out_of_range_and_the_last_is_not()
    {
        var tokenizer = TrainedTokenizers.Sentences;

        Assert.Equal("<|padding|>", tokenizer.Decode([tokenizer.VocabularySize - 1]));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([tokenizer.VocabularySize]));
        Assert.Equal(tokenizer.VocabularySize, error.ActualValue);
    }

    [Fact]
    public void Decoding_nothing_gives_the_empty_string()
    {
        Assert.Equal("", TrainedTokenizers.Sentences.Decode([]));
        Assert.Empty(TrainedTokenizers.Sentences.DecodeBytes([]));
        Assert.Empty(TrainedTokenizers.Sentences.Encode(""));
    }

    [Fact]
    public void Ids_that_split_a_character_decode_to_replacement_text_and_exact_bytes()
    {
        var tokenizer = TrainedTokenizers.BytesOnly;
        var euro = tokenizer.Encode("€");

        Assert.Equal(3, euro.Length);
        Assert.Equal("\uFFFD", tokenizer.Decode(euro.AsSpan(0, 2)));
        Assert.Equal(new byte[] { 0xE2, 0x82 }, tokenizer.DecodeBytes(euro.AsSpan(0, 2)));
    }

    [Fact]
    public void Every_merged_id_stands_for_the_bytes_of_its_two_parts()
    {
        var tokenizer = TrainedTokenizers.Sentences;
        for (var i = 0; i < tokenizer.Merges.Count; i++)
        {
            var (left, right) = tokenizer.Merges[i];
            Assert.Equal([.. tokenizer.TokenBytes(left), .. tokenizer.TokenBytes(right)], tokenizer.TokenBytes(256 + i).ToArray());
        }
    }
}
