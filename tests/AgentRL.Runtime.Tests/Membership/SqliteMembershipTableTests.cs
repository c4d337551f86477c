using AgentRL.Runtime.Membership;
using Microsoft.Data.Sqlite;

namespace AgentRL.Runtime.Tests.Membership;

public sealed class SqliteMembershipTableTests : MembershipTableContract, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override async Task<IMembershipTable> CreateTableAsync()
    {
        var table = new SqliteMembershipTable(new SqliteMembershipTableOptions { DatabasePath = _folder.File("membership.db"), ClusterId = "contract" });
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }

    [Fact]
    public async Task TablesOverOneFileShareAClusterAndKeepOtherClustersApart()
    {
        var path = _folder.File("shared.db");
        SqliteMembershipTable Open(string cluster) => new(new SqliteMembershipTableOptions { DatabasePath = path, ClusterId = cluster });
        var (one, two, other) = (Open("east"), Open("east"), Open("west"));
        await Task.WhenAll(one.InitializeAsync(default), two.InitializeAsync(default), other.InitializeAsync(default));

        Assert.True(await one.InsertRowAsync(Silo(16001), 0, default));
        Assert.False(await two.InsertRowAsync(Silo(16002), 0, default));
        Assert.True(await two.InsertRowAsync(Silo(16002), 1, default));
        Assert.True(await other.InsertRowAsync(Silo(16003), 0, default));

        Assert.Equal([Silo(16001).Silo, Silo(16002).Silo], (await one.ReadAllAsync(default)).Rows.Select(r => r.Entry.Silo));
        Assert.Equal(Silo(16003).Silo, Assert.Single((await other.ReadAllAsync(default)).Rows).Entry.Silo);
        await one.InitializeAsync(default); // initialising again keeps the rows and the version
        Assert.Equal(2, (await two.ReadAllAsync(default)).Version);
    }

    [Fact]
    public async Task ACorruptRowIsReportedWithItsAddressAndBadRolesAreRefused()
    {
        var table = await CreateTableAsync();
        Assert.True(await table.InsertRowAsync(Silo(17001), 0, default));
        await using (var connection = new SqliteConnection($"Data Source={_folder.File("membership.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE membership SET suspicions = 'nonsense'";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<FormatException>(() => table.ReadAllAsync(default));
        Assert.Contains(Silo(17001).Silo.ToString(), error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => table.InsertRowAsync(Silo(17002, SiloStatus.Joining, "has,comma"), 1, default));
    }

    public void Dispose() => _folder.Dispose();
}
