using System.Text;
using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class BpeTrainerTests
{
    [Fact]
    public void Training_twice_gives_identical_merges_and_encodings()
    {
        var corpus = SyntheticText.Sentences(3_000, seed: 5);
        var first = new BpeTrainer().Train(corpus, 800);
        var second = new BpeTrainer().Train(corpus, 800);

        Assert.Equal(first.Merges, second.Merges);
        Assert.Equal(first.VocabularySize, second.VocabularySize);
        foreach (var text in SyntheticText.Sentences(200, seed: 6))
        {
            Assert.Equal(first.Encode(text), second.Encode(text));
        }
    }

    [Fact]
    public void Corpus_order_does_not_change_the_merges()
    {
        var corpus = SyntheticText.Sentences(2_000, seed: 8);
        var shuffled = corpus.ToArray();
        new Random(9).Shuffle(shuffled);

        Assert.Equal(new BpeTrainer().Train(corpus, 700).Merges, new BpeTrainer().Train(shuffled, 700).Merges);
    }

    [Fact]
    public void Frequency_ties_go_to_the_pair_with_the_smaller_ids()
    {
        // Chunks "ab", " cd", " cd", " ab": (a,b), (' ',c) and (c,d) each occur twice; (' ',c) has the smallest left id.
        // Then (' 'c, d) and (a, b) tie at two; (a, b) has the smaller left id.
        var tokenizer = new BpeTrainer().Train(["ab cd cd ab"], 1_000);

        Assert.Equal(((int)' ', (int)'c'), tokenizer.Merges[0]);
        Assert.Equal(((int)'a', (int)'b'), tokenizer.Merges[1]);
        Assert.Equal((256, (int)'d'), tokenizer.Merges[2]);
    }

    [Fact]
    public void Merges_build_on_earlier_merges_and_stop_when_pairs_become_rare()
    {
        // (a,b) occurs four times, then (ab,ab) twice; (' ',abab) occurs once, below the default minimum of two.
        var tokenizer = new BpeTrainer().Train(["abab abab"], 1_000);

        Assert.Equal([((int)'a', (int)'b'), (256, 256)], tokenizer.Merges);
        Assert.Equal(256 + 2 + SpecialTokens.Count, tokenizer.VocabularySize);
        Assert.Equal([257, (int)' ', 257], tokenizer.Encode("abab abab"));
    }

    [Fact]
    public void A_rich_corpus_fills_the_requested_vocabulary_exactly()
    {
        var tokenizer = new BpeTrainer().Train(SyntheticText.Sentences(5_000, seed: 1), 700);

        Assert.Equal(700, tokenizer.VocabularySize);
        Assert.Equal(700 - 256 - SpecialTokens.Count, tokenizer.Merges.Count);
    }

    [Fact]
    public void The_minimum_vocabulary_has_no_merges()
    {
        var tokenizer = new BpeTrainer().Train(["hello hello hello"], BpeTrainer.MinimumVocabularySize);

        Assert.Empty(tokenizer.Merges);
        Assert.Equal(Encoding.UTF8.GetBytes("hello").Select(b => (int)b), tokenizer.Encode("hello"));
    }

    [Fact]
    public void Incremental_pair_counts_learn_the_same_merges_as_recounting_everything()
    {
        var corpus = SyntheticText.Sentences(400, seed: 21);
        corpus.AddRange(Enumerable.Range(0, 200).Select(i => SyntheticText.RandomUnicode(new Random(i), 30)));
        corpus.Add("aaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbb aaaa");

        var trained = new BpeTrainer().Train(corpus, 256 + 300 + SpecialTokens.Count);

        Assert.Equal(ReferenceBpe.Train(corpus, 300), trained.Merges);
    }

    [Fact]
    public void Encoding_by_rank_equals_replaying_the_merges_in_training_order()
    {
        var tokenizer = TrainedTokenizers.Sentences;
        var random = new Random(4);
        var texts = SyntheticText.Sentences(300, seed: 99).Concat(Enumerable.Range(0, 300).Select(_ => SyntheticText.RandomUnicode(random, 40)));

        foreach (var text in texts)
        {
            Assert.Equal(ReferenceBpe.Encode(tokenizer.Merges, text), tokenizer.Encode(text));
        }
    }

    [Fact]
    public void Repetitive_text_compresses_to_fewer_than_half_as_many_tokens_as_bytes()
    {
        var tokenizer = TrainedTokenizers.Sentences;
        Assert.Equal(1_000, tokenizer.Merges.Count);

        var text = string.Join(' ', SyntheticText.Sentences(1_000, seed: 1234));
        var tokens = tokenizer.Encode(text).Length;
        var bytes = Encoding.UTF8.GetByteCount(text);

        Assert.True(tokens < bytes / 2, $"{tokens} tokens for {bytes} bytes");
    }

    [Fact]
    public void Gridworld_text_trains_a_tokenizer_that_compresses_and_round_trips_it()
    {
        var training = GridworldText.ExpertEpisodes(tasks: 40);
        var heldOut = GridworldText.ExpertEpisodes(tasks: 60).Skip(training.Count).ToList();
        var tokenizer = new BpeTrainer().Train(training, 256 + 1_000 + SpecialTokens.Count);

        var tokens = 0;
        var bytes = 0;
        foreach (var text in heldOut)
        {
            var ids = tokenizer.Encode(text);
            Assert.Equal(text, tokenizer.Decode(ids));
            tokens += ids.Length;
            bytes += Encoding.UTF8.GetByteCount(text);
        }

        Assert.NotEmpty(heldOut);
        Assert.True(tokens < bytes / 2, $"{tokens} tokens for {bytes} bytes of held-out gridworld text");
    }

    [Fact]
    public void A_vocabulary_too_small_for_bytes_and_special_tokens_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BpeTrainer().Train(["text"], BpeTrainer.MinimumVocabularySize - 1));

        Assert.Equal("vocabularySize", error.ParamName);
        Assert.Contains("262", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_corpus_without_text_is_rejected(int emptyStrings)
    {
        var error = Assert.Throws<ArgumentException>(() => new BpeTrainer().Train(Enumerable.Repeat("", emptyStrings), 500));

        Assert.Equal("corpus", error.ParamName);
        Assert.Contains("no text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_corpus_item_is_rejected_with_its_index()
    {
        var error = Assert.Throws<ArgumentException>(() => new BpeTrainer().Train(["a", null!], 500));

        Assert.Contains("item 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_pair_frequency_below_one_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BpeTrainer(new BpeTrainerOptions { MinimumPairFrequency = 0 }));
    }

    [Fact]
    public void A_minimum_pair_frequency_of_one_merges_pairs_seen_once()
    {
        var tokenizer = new BpeTrainer(new BpeTrainerOptions { MinimumPairFrequency = 1 }).Train(["abc"], 1_000);

        Assert.Equal([((int)'a', (int)'b'), (256, (int)'c')], tokenizer.Merges);
        Assert.Equal([257], tokenizer.Encode("abc"));
    }
}
