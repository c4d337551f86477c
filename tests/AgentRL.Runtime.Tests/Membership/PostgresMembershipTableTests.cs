using AgentRL.Runtime.Membership;
using Npgsql;

namespace AgentRL.Runtime.Tests.Membership;

/// <summary>The membership contract against a real PostgreSQL server; each test gets its own cluster id.</summary>
public sealed class PostgresMembershipTableTests(PostgresServerFixture postgres) : MembershipTableContract, IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private readonly List<PostgresMembershipTable> _tables = [];

    private PostgresMembershipTable Open(string cluster)
    {
        var table = new PostgresMembershipTable(new PostgresMembershipTableOptions { ConnectionString = postgres.Server.ConnectionString, ClusterId = cluster });
        _tables.Add(table);
        return table;
    }

    protected override async Task<IMembershipTable> CreateTableAsync()
    {
        var table = Open(Guid.NewGuid().ToString("N"));
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }

    [Fact]
    public async Task SilosInitialisingAtOnceAllSucceedAndShareTheirClusterOnly()
    {
        var cluster = Guid.NewGuid().ToString("N");
        var tables = Enumerable.Range(0, 4).Select(_ => Open(cluster)).Append(Open(cluster + "-other")).ToList();
        await Task.WhenAll(tables.Select(t => Task.Run(() => t.InitializeAsync(default))));

        Assert.True(await tables[0].InsertRowAsync(Silo(18001), 0, default));
        Assert.True(await tables[1].InsertRowAsync(Silo(18002), 1, default));
        Assert.Equal([Silo(18001).Silo, Silo(18002).Silo], (await tables[3].ReadAllAsync(default)).Rows.Select(r => r.Entry.Silo));
        Assert.Empty((await tables[4].ReadAllAsync(default)).Rows);
    }

    [Fact]
    public async Task ACorruptRowIsReportedWithItsAddress()
    {
        var cluster = Guid.NewGuid().ToString("N");
        var table = Open(cluster);
        await table.InitializeAsync(default);
        Assert.True(await table.InsertRowAsync(Silo(19001), 0, default));
        await using (var connection = new NpgsqlConnection(postgres.Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE membership SET status = 42 WHERE cluster_id = @cluster", connection);
            command.Parameters.AddWithValue("cluster", cluster);
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<FormatException>(() => table.ReadAllAsync(default));
        Assert.Contains($"{Silo(19001).Silo} has an unknown status 42", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in _tables)
        {
            await table.DisposeAsync();
        }
    }
}
