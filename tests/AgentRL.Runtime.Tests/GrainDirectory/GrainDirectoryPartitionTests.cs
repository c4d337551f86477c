using AgentRL.Runtime.GrainDirectory;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Tests.Membership;

namespace AgentRL.Runtime.Tests.GrainDirectory;

public sealed class GrainDirectoryPartitionTests
{
    private static readonly SiloAddress A = TestViews.A;
    private static readonly SiloAddress B = TestViews.B;
    private static readonly SiloAddress C = TestViews.C;
    private static readonly GrainId Grain = new("Counter", "x");

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
        var view = TestViews.Of(A, (A, SiloStatus.Active, []), (B, SiloStatus.Active, []), (C, SiloStatus.Dead, []));
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
