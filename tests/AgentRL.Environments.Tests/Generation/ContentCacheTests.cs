using AgentRL.Environments.Generation;

namespace AgentRL.Environments.Tests.Generation;

public sealed class ContentCacheTests
{
    [Fact]
    public void ContentIsBuiltOncePerKeyAndShared()
    {
        var builds = 0;
        var cache = new ContentCache<int, object>(_ =>
        {
            Interlocked.Increment(ref builds);
            return new object();
        });

        var results = Enumerable.Range(0, 50).AsParallel().Select(_ => cache.Get(7)).ToList();

        Assert.Equal(1, builds);
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.NotSame(results[0], cache.Get(8));
    }

    [Fact]
    public void AFailedBuildIsNotRemembered()
    {
        var attempts = 0;
        var cache = new ContentCache<string, string>(key => ++attempts == 1 ? throw new IOException("disk hiccup") : key.ToUpperInvariant());

        Assert.Throws<IOException>(() => cache.Get("shop"));
        Assert.Equal("SHOP", cache.Get("shop"));
        Assert.Equal(2, attempts);
    }
}
