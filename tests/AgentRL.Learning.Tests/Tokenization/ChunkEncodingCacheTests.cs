using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

public sealed class ChunkEncodingCacheTests
{
    [Fact]
    public void Entries_are_found_by_their_characters()
    {
        var cache = new ChunkEncodingCache(capacity: 10);
        cache.Add(" door", [300]);

        Assert.True(cache.TryGet(" door and more".AsSpan(0, 5), out var ids));
        Assert.Equal([300], ids);
        Assert.False(cache.TryGet(" doors", out _));
    }

    [Fact]
    public void A_full_cache_starts_over_instead_of_growing()
    {
        var cache = new ChunkEncodingCache(capacity: 2);
        cache.Add("a", [97]);
        cache.Add("b", [98]);

        cache.Add("c", [99]);

        Assert.False(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("c", out _));
        cache.Add("a", [97]);
        Assert.True(cache.TryGet("a", out _));
    }

    [Fact]
    public void A_tokenizer_keeps_encoding_correctly_across_many_cache_resets()
    {
        // More distinct chunks than the cache holds, twice over, so it resets while encoding.
        var tokenizer = TrainedTokenizers.Sentences;
        var random = new Random(31);
        for (var i = 0; i < 80_000; i++)
        {
            var text = $" w{i}x{random.Next()}";
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }
}
