using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Tests.Membership;

/// <summary>The rules every membership table provider must keep; each provider's test class runs them all.</summary>
public abstract class MembershipTableContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract Task<IMembershipTable> CreateTableAsync();

    protected static MembershipEntry Silo(int port, SiloStatus status = SiloStatus.Joining, params string[] roles) =>
        new(new SiloAddress("127.0.0.1", port, 1_000 + port), $"silo-{port}", status, roles, port + 100, Start, Start.AddTicks(7), []);

    [Fact]
    public async Task AnInsertBumpsTheVersionAndAStaleOrDuplicateInsertChangesNothing()
    {
        var table = await CreateTableAsync();
        var empty = await table.ReadAllAsync(None);
        Assert.Equal(0, empty.Version);
        Assert.Empty(empty.Rows);

        var first = Silo(11111, SiloStatus.Joining, "learner", "gpu");
        Assert.True(await table.InsertRowAsync(first, expectedVersion: 0, None));
        Assert.False(await table.InsertRowAsync(Silo(11112), expectedVersion: 0, None));
        Assert.False(await table.InsertRowAsync(first with { SiloName = "again" }, expectedVersion: 1, None));

        var snapshot = await table.ReadAllAsync(None);
        Assert.Equal(1, snapshot.Version);
        var row = Assert.Single(snapshot.Rows);
        Assert.Equal(first, row.Entry);
        Assert.True(row.Entry.HasRole("LEARNER"));
        Assert.Empty(snapshot.Active);
    }

    [Fact]
    public async Task AnUpdateNeedsTheRowsEtagAndTheTablesVersion()
    {
        var table = await CreateTableAsync();
        Assert.True(await table.InsertRowAsync(Silo(12001), 0, None));
        Assert.True(await table.InsertRowAsync(Silo(12002), 1, None));
        var before = await table.ReadAllAsync(None);
        var row = before.Find(Silo(12001).Silo)!;
        var voter = Silo(12002).Silo;
        var suspected = row.Entry with { Suspicions = [new SuspicionVote(voter, Start.AddSeconds(3))] };

        Assert.False(await table.UpdateRowAsync(suspected, row.ETag, expectedVersion: before.Version - 1, None));
        Assert.False(await table.UpdateRowAsync(suspected, row.ETag + "9", before.Version, None));
        Assert.False(await table.UpdateRowAsync(suspected, "not an etag", before.Version, None));
        Assert.Equal(before, await table.ReadAllAsync(None), new SnapshotComparer());

        Assert.True(await table.UpdateRowAsync(suspected, row.ETag, before.Version, None));
        var after = await table.ReadAllAsync(None);
        Assert.Equal(before.Version + 1, after.Version);
        var updated = after.Find(row.Entry.Silo)!;
        Assert.Equal(suspected, updated.Entry);
        Assert.NotEqual(row.ETag, updated.ETag);

        // The same etag cannot be used twice.
        Assert.False(await table.UpdateRowAsync(suspected with { Status = SiloStatus.Dead }, row.ETag, after.Version, None));
    }

    [Fact]
    public async Task AHeartbeatChangesNeitherVersionNorEtagAndAnOlderRowNeverMovesItBack()
    {
        var table = await CreateTableAsync();
        var entry = Silo(13001);
        Assert.True(await table.InsertRowAsync(entry, 0, None));
        var read = await table.ReadAllAsync(None);

        await table.UpdateIAmAliveAsync(entry.Silo, Start.AddSeconds(10), None);
        await table.UpdateIAmAliveAsync(entry.Silo, Start.AddSeconds(5), None);
        var beat = await table.ReadAllAsync(None);
        Assert.Equal(read.Version, beat.Version);
        Assert.Equal(read.Rows[0].ETag, beat.Rows[0].ETag);
        Assert.Equal(Start.AddSeconds(10), beat.Rows[0].Entry.IAmAliveTime);

        // Another silo activates this row from the read taken before the heartbeat.
        Assert.True(await table.UpdateRowAsync(read.Rows[0].Entry with { Status = SiloStatus.Active }, read.Rows[0].ETag, read.Version, None));
        var active = (await table.ReadAllAsync(None)).Rows[0].Entry;
        Assert.Equal(SiloStatus.Active, active.Status);
        Assert.Equal(Start.AddSeconds(10), active.IAmAliveTime);
    }

    [Fact]
    public async Task OfSilosJoiningFromOneSnapshotExactlyOneWinsAndTheRestSucceedAfterRereading()
    {
        var table = await CreateTableAsync();
        var entries = Enumerable.Range(0, 6).Select(i => Silo(14000 + i)).ToList();

        var firstTry = await Task.WhenAll(entries.Select(e => Task.Run(() => table.InsertRowAsync(e, 0, None))));
        Assert.Equal(1, firstTry.Count(won => won));

        await Task.WhenAll(entries.Where((_, i) => !firstTry[i]).Select(e => Task.Run(async () =>
        {
            while (!await table.InsertRowAsync(e, (await table.ReadAllAsync(None)).Version, None))
            {
            }
        })));
        var snapshot = await table.ReadAllAsync(None);
        Assert.Equal(entries.Count, snapshot.Version);
        Assert.Equal(entries.Select(e => e.Silo).Order(), snapshot.Rows.Select(r => r.Entry.Silo).Order());
    }

    [Fact]
    public async Task CleanupRemovesOnlyDeadSilosLastSeenBeforeTheCutoff()
    {
        var table = await CreateTableAsync();
        var (deadOld, deadRecent, alive) = (Silo(15001, SiloStatus.Dead), Silo(15002, SiloStatus.Dead), Silo(15003, SiloStatus.Active));
        Assert.True(await table.InsertRowAsync(deadOld, 0, None));
        Assert.True(await table.InsertRowAsync(deadRecent, 1, None));
        Assert.True(await table.InsertRowAsync(alive, 2, None));
        await table.UpdateIAmAliveAsync(deadRecent.Silo, Start.AddHours(2), None);

        Assert.Equal(1, await table.CleanupDefunctAsync(Start.AddHours(1), None));
        var left = (await table.ReadAllAsync(None)).Rows.Select(r => r.Entry.Silo).ToList();
        Assert.Equal([deadRecent.Silo, alive.Silo], left);
    }

    /// <summary>Snapshots hold lists, which records compare by reference.</summary>
    private sealed class SnapshotComparer : IEqualityComparer<MembershipSnapshot>
    {
        public bool Equals(MembershipSnapshot? x, MembershipSnapshot? y) => x!.Version == y!.Version && x.Rows.SequenceEqual(y.Rows);

        public int GetHashCode(MembershipSnapshot obj) => obj.Version.GetHashCode();
    }
}
