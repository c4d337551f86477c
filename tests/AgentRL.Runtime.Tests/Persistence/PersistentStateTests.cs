using AgentRL.Runtime.Persistence;
using AgentRL.Runtime.Serialization;
using AgentRL.Runtime.TestGrains;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Tests.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Tests.Persistence;

public sealed class PersistentStateTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task SqliteStateSurvivesASiloRestart()
    {
        using var folder = new TempDirectory();
        var database = folder.File("grains.db");
        await using (var first = await TestSilo.StartAsync(database))
        {
            var counter = first.Grains.GetGrain<ICounterGrain>("restart");
            await counter.Add(5);
            Assert.Equal(12, await counter.Add(7));
        }

        await using var second = await TestSilo.StartAsync(database);
        Assert.Equal(12, await second.Grains.GetGrain<ICounterGrain>("restart").Get());
        Assert.Equal(0, await second.Grains.GetGrain<ICounterGrain>("other").Get());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWriteWithAStaleEtagFails(bool sqlite)
    {
        using var folder = new TempDirectory();
        await using var silo = await TestSilo.StartAsync(sqlite ? folder.File("etag.db") : null);
        var counter = silo.Grains.GetGrain<ICounterGrain>("contended");
        Assert.Equal(1, await counter.Add(1));

        // Another writer changes the record behind the activation's back.
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = new GrainId(typeof(CounterGrain).FullName!, "contended");
        var stored = await storage.ReadAsync(id, "counter", CancellationToken.None);
        Assert.NotNull(stored);
        var newer = await storage.WriteAsync(id, "counter", stored.Data, stored.Etag, CancellationToken.None);
        Assert.NotEqual(stored.Etag, newer);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Add(1));
        Assert.Contains($"has ETag '{newer}' but the write expected '{stored.Etag}'", error.Message);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StorageChecksEtagsOnInsertWriteAndClear(string provider)
    {
        using var folder = new TempDirectory();
        IGrainStorage storage = provider switch
        {
            "sqlite" => new SqliteGrainStorage(new SqliteGrainStorageOptions { DatabasePath = folder.File("direct.db") }),
            "postgres" => new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = postgres.Server.ConnectionString }),
            _ => new MemoryGrainStorage(),
        };
        var id = new GrainId("test", Guid.NewGuid().ToString("N"));
        var none = CancellationToken.None;

        Assert.Null(await storage.ReadAsync(id, "s", none));
        var first = await storage.WriteAsync(id, "s", new byte[] { 1, 2, 3 }, null, none);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", new byte[] { 9 }, null, none));
        var second = await storage.WriteAsync(id, "s", new byte[] { 4 }, first, none);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(id, "s", new byte[] { 5 }, first, none));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(id, "s", first, none));

        var read = await storage.ReadAsync(id, "s", none);
        Assert.Equal(new byte[] { 4 }, read!.Data);
        Assert.Equal(second, read.Etag);

        await storage.ClearAsync(id, "s", second, none);
        Assert.Null(await storage.ReadAsync(id, "s", none));
    }

    [Fact]
    public async Task AMissingStorageProviderFailsTheCallWithItsName()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddMemoryGrainStorage("Other"), settings: null, storage: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ICounterGrain>("nowhere").Get());

        Assert.Contains("No grain storage named 'Default' is registered", error.Message);
    }

    [Fact]
    public async Task StateStoredBeforeObjectsCarriedMemberCountsIsReadAndRewrittenInTheCurrentFormat()
    {
        using var folder = new TempDirectory();
        await using var silo = await TestSilo.StartAsync(folder.File("format1.db"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = new GrainId(typeof(CounterGrain).FullName!, "format1");
        // Format 1: the version byte, then the CounterState's presence byte, Total and History, with no member count.
        using var writer = new WireWriter();
        writer.WriteByte(1);
        writer.WriteByte(1);
        writer.WriteVarInt32(12);
        new ListCodec<int>(WireCodecs.Int32).Write(writer, [5, 7]);
        await storage.WriteAsync(id, "counter", writer.ToArray(), null, CancellationToken.None);

        var counter = silo.Grains.GetGrain<ICounterGrain>("format1");
        Assert.Equal(12, await counter.Get());
        Assert.Equal(15, await counter.Add(3));

        // Written back as format 2: the version byte, presence, the member count (2), then the members.
        var stored = (await storage.ReadAsync(id, "counter", CancellationToken.None))!.Data;
        Assert.Equal(new byte[] { 2, 1, 2 }, stored[..3]);
    }

    [Fact]
    public async Task CorruptStoredStateFailsActivationClearlyAndIsLeftUntouched()
    {
        using var folder = new TempDirectory();
        await using var silo = await TestSilo.StartAsync(folder.File("corrupt.db"));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = new GrainId(typeof(CounterGrain).FullName!, "corrupt");
        var garbage = new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };
        await storage.WriteAsync(id, "counter", garbage, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<WireFormatException>(() => silo.Grains.GetGrain<ICounterGrain>("corrupt").Get());

        Assert.Contains("Stored state 'counter' of AgentRL.Runtime.TestGrains.CounterGrain/corrupt", error.Message);
        Assert.Equal(garbage, (await storage.ReadAsync(id, "counter", CancellationToken.None))!.Data);
    }
}
