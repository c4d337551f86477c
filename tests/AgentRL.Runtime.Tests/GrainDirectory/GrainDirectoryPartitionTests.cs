using AgentRL.Runtime.GrainDirectory;
using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Tests.GrainDirectory;

public sealed class GrainDirectoryPartitionTests
{
    private static readonly SiloAddress A = new("127.0.0.1", 1, 11);
    private static readonly SiloAddress B = new("127.0.0.1", 2, 22);
    private static readonly SiloAddress C = new("127.0.0.1", 3, 33);
    private static readonly GrainId Grain = new("Counter", "x");

    private static MembershipSnapshot Snapshot(params (SiloAddress Silo, SiloStatus Status)[] silos) =>
        new(7, [.. silos.Select(s => new MembershipRow(
            new MembershipEntry(s.Silo, s.Silo.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Status, [], s.Silo.Port, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []),
            "etag"))]);

    [Fact]
    public void TheFirstRegistrationWinsWhileItsSiloLives()
    {
        var partition = new GrainDirectoryPartition();
        Assert.Equal(B, partition.Register(Grain, B, _ => true));
        Assert.Equal(B, partition.Register(Grain, C, _ => true));
        Assert.Equal(B, partition.Lookup(Grain));
    }

    [Fact]
    public void ARegistrationOnADeadSiloIsReplaced()
    {
        var partition = new GrainDirectoryPartition();
        partition.Register(Grain, B, _ => true);
        Assert.Equal(C, partition.Register(Grain, C, silo => silo != B));
    }

    [Fact]
    public void OnlyTheHoldingSiloUnregisters()
    {
        var partition = new GrainDirectoryPartition();
        partition.Register(Grain, B, _ => true);
        partition.Unregister(Grain, C);
        Assert.Equal(B, partition.Lookup(Grain));
        partition.Unregister(Grain, B);
        Assert.Null(partition.Lookup(Grain));
    }

    [Fact]
    public void PruningDropsDeadHoldersAndHandsMovedEntriesOn()
    {
        var partition = new GrainDirectoryPartition();
        var view = new ClusterView(A, Snapshot((A, SiloStatus.Active), (B, SiloStatus.Active), (C, SiloStatus.Dead)));
        var grains = Enumerable.Range(0, 300).Select(i => new GrainId("Counter", $"k{i}")).ToList();
        foreach (var (grain, i) in grains.Select((g, i) => (g, i)))
        {
            partition.Register(grain, i % 2 == 0 ? B : C, _ => true);
        }

        var moved = partition.Prune(view);

        // Entries held by the dead silo C go; B's entries that A does not own go to their owner (B).
        Assert.All(moved, m => Assert.Equal(B, m.Value));
        Assert.All(moved, m => Assert.Equal(B, view.Ring.Owner(m.Key)));
        var kept = grains.Where(g => partition.Lookup(g) is not null).ToList();
        Assert.All(kept, g => Assert.Equal(A, view.Ring.Owner(g)));
        Assert.All(kept, g => Assert.Equal(B, partition.Lookup(g)));
        Assert.Equal(150, kept.Count + moved.Count);
    }
}
