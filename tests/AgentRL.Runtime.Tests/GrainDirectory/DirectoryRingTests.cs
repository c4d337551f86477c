using AgentRL.Runtime.GrainDirectory;
using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Tests.GrainDirectory;

public sealed class DirectoryRingTests
{
    private static SiloAddress Silo(int port) => new("127.0.0.1", port, 1000 + port);

    private static List<GrainId> Grains(int count) => [.. Enumerable.Range(0, count).Select(i => new GrainId("Episode", $"run-1/it-3/task-{i}"))];

    [Fact]
    public void EveryRingBuiltFromTheSameSilosGivesTheSameOwners()
    {
        var first = new DirectoryRing([Silo(1), Silo(2), Silo(3)]);
        var second = new DirectoryRing([Silo(3), Silo(1), Silo(2), Silo(1)]);
        Assert.All(Grains(500), g => Assert.Equal(first.Owner(g), second.Owner(g)));
    }

    [Fact]
    public void OwnershipIsSpreadOverTheSilos()
    {
        var ring = new DirectoryRing([Silo(1), Silo(2), Silo(3)]);
        var shares = Grains(3000).GroupBy(ring.Owner).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, shares.Count);
        // 32 points per silo: every share lands well within a factor of two of a third.
        Assert.All(shares.Values, n => Assert.InRange(n, 500, 1500));
    }

    [Fact]
    public void AJoiningSiloTakesEntriesOnlyForItself()
    {
        var before = new DirectoryRing([Silo(1), Silo(2), Silo(3)]);
        var after = new DirectoryRing([Silo(1), Silo(2), Silo(3), Silo(4)]);
        var grains = Grains(2000);
        var moved = grains.Where(g => before.Owner(g) != after.Owner(g)).ToList();
        Assert.All(moved, g => Assert.Equal(Silo(4), after.Owner(g)));
        Assert.InRange(moved.Count, 200, 900);
    }

    [Fact]
    public void AnEmptyRingOwnsNothing()
    {
        var ring = new DirectoryRing([]);
        Assert.True(ring.IsEmpty);
        Assert.Throws<SiloUnavailableException>(() => ring.Owner(new GrainId("T", "k")));
    }

    [Fact]
    public void TheStableHashIsTheSameInEveryProcess()
    {
        // Fixed values: a change would split a rolling upgrade's silos over two rings.
        Assert.Equal(StableHash.Of("episode-1"), StableHash.Of("episode-1"));
        Assert.NotEqual(StableHash.Of("episode-1"), StableHash.Of("episode-2"));
        Assert.Equal(0xF52A15E9A9B5E89BUL, StableHash.Of(""));
    }
}
