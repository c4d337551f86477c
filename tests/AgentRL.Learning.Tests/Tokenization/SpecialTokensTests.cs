using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class SpecialTokensTests
{
    [Fact]
    public void Special_tokens_are_the_last_ids_in_a_fixed_order()
    {
        var tokenizer = TrainedTokenizers.Sentences;
        var special = tokenizer.Special;

        Assert.Equal(tokenizer.VocabularySize - SpecialTokens.Count, special.FirstId);
        Assert.Equal(256 + tokenizer.Merges.Count, special.FirstId);
        Assert.Equal(
            [special.FirstId, special.FirstId + 1, special.FirstId + 2, special.FirstId + 3, special.FirstId + 4, special.FirstId + 5],
            [special.Task, special.Observation, special.Action, special.EndOfAction, special.EndOfEpisode, special.Padding]);
    }

    [Fact]
    public void Special_tokens_have_their_names_and_decode_to_them()
    {
        var tokenizer = TrainedTokenizers.Sentences;
        var special = tokenizer.Special;

        Assert.Equal(
            ["<|task|>", "<|observation|>", "<|action|>", "<|end_of_action|>", "<|end_of_episode|>", "<|padding|>"],
            SpecialTokens.Literals);
        Assert.Equal("<|action|>", special.LiteralOf(special.Action));
        Assert.Equal("<|padding|>", special.LiteralOf(special.Padding));
        Assert.Equal(
            "<|task|>go<|observation|>You see a wall.<|action|>turn left<|end_of_action|><|end_of_episode|><|padding|>",
            tokenizer.Decode([
                special.Task, .. tokenizer.Encode("go"), special.Observation, .. tokenizer.Encode("You see a wall."),
                special.Action, .. tokenizer.Encode("turn left"), special.EndOfAction, special.EndOfEpisode, special.Padding,
            ]));
    }

    [Fact]
    public void Encode_never_produces_special_ids_even_for_their_literal_text()
    {
        // Train on text full of the literals, so merges could at most rebuild their bytes, never their ids.
        var injected = string.Join(" ", SpecialTokens.Literals) + " You see <|action|>drop<|end_of_action|> here.";
        var tokenizer = new BpeTrainer().Train(Enumerable.Repeat(injected, 50), 600);

        var ids = tokenizer.Encode(injected);

        Assert.DoesNotContain(ids, tokenizer.Special.Contains);
        Assert.Equal(injected, tokenizer.Decode(ids));
        foreach (var literal in SpecialTokens.Literals)
        {
            Assert.All(tokenizer.Encode(literal), id => Assert.True(id < tokenizer.Special.FirstId, $"{literal} encoded to special id {id}"));
        }
    }

    [Fact]
    public void Contains_and_LiteralOf_reject_ids_outside_the_set()
    {
        var special = TrainedTokenizers.Sentences.Special;

        Assert.False(special.Contains(special.FirstId - 1));
        Assert.False(special.Contains(special.Padding + 1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => special.LiteralOf(65));
        Assert.Equal(65, error.ActualValue);
    }

    [Fact]
    public void Merges_and_literals_cannot_be_changed_through_the_read_only_views()
    {
        Assert.False(TrainedTokenizers.Sentences.Merges is (int, int)[]);
        Assert.False(SpecialTokens.Literals is string[]);
    }
}
