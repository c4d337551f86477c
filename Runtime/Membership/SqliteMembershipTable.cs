using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// The membership table in a SQLite file. Each change runs in an immediate (write-locking) transaction that first
/// bumps the version row only if it still holds the expected version, then touches the silo's row; if either finds
/// the table moved on, the transaction rolls back and the call returns false.
/// </summary>
public sealed class SqliteMembershipTable : IMembershipTable
{
    private const string Columns = "address, silo_name, status, roles, gateway_port, start_ticks, alive_ticks, suspicions, etag";
    private readonly string _connectionString;
    private readonly string _clusterId;

    public SqliteMembershipTable(SqliteMembershipTableOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClusterId);
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _clusterId = options.ClusterId;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "PRAGMA journal_mode = WAL;" +
            "CREATE TABLE IF NOT EXISTS membership_version (cluster_id TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;" +
            "CREATE TABLE IF NOT EXISTS membership (cluster_id TEXT NOT NULL, address TEXT NOT NULL, silo_name TEXT NOT NULL," +
            " status INTEGER NOT NULL, roles TEXT NOT NULL, gateway_port INTEGER NOT NULL, start_ticks INTEGER NOT NULL," +
            " alive_ticks INTEGER NOT NULL, suspicions TEXT NOT NULL, etag INTEGER NOT NULL, PRIMARY KEY (cluster_id, address)) WITHOUT ROWID;" +
            "INSERT INTO membership_version (cluster_id, version) VALUES ($cluster, 0) ON CONFLICT DO NOTHING;";
        command.Parameters.AddWithValue("$cluster", _clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // One read transaction: the version and the rows come from the same moment.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var version = Command(connection, transaction, "SELECT version FROM membership_version WHERE cluster_id = $cluster");
        var current = await version.ExecuteScalarAsync(cancellationToken) as long?
            ?? throw new InvalidOperationException($"The membership table has no version row for cluster '{_clusterId}': call InitializeAsync first.");
        await using var select = Command(connection, transaction, $"SELECT {Columns} FROM membership WHERE cluster_id = $cluster ORDER BY address");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = reader.GetString(0);
            var entry = new MembershipEntry(
                SiloAddress.Parse(address),
                reader.GetString(1),
                MembershipRowText.Status(reader.GetInt64(2), address),
                MembershipRowText.ParseRoles(reader.GetString(3)),
                reader.GetInt32(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                MembershipRowText.ParseSuspicions(reader.GetString(7), address));
            rows.Add(new MembershipRow(entry, reader.GetInt64(8).ToString(CultureInfo.InvariantCulture)));
        }

        return new MembershipSnapshot(current, rows);
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        MembershipRowText.ValidateRoles(entry.Roles);
        return ChangeAsync(entry, expectedVersion,
            "INSERT INTO membership (cluster_id, address, silo_name, status, roles, gateway_port, start_ticks, alive_ticks, suspicions, etag)" +
            " VALUES ($cluster, $address, $name, $status, $roles, $gateway, $start, $alive, $suspicions, 1) ON CONFLICT DO NOTHING",
            etag: null, cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken)
    {
        MembershipRowText.ValidateRoles(entry.Roles);
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var expectedEtag))
        {
            return Task.FromResult(false);
        }

        // A row written from an older read must not move the silo's own heartbeat back.
        return ChangeAsync(entry, expectedVersion,
            "UPDATE membership SET silo_name = $name, status = $status, roles = $roles, gateway_port = $gateway, start_ticks = $start," +
            " alive_ticks = MAX(alive_ticks, $alive), suspicions = $suspicions, etag = etag + 1" +
            " WHERE cluster_id = $cluster AND address = $address AND etag = $etag",
            expectedEtag, cancellationToken);
    }

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE membership SET alive_ticks = MAX(alive_ticks, $alive) WHERE cluster_id = $cluster AND address = $address");
        command.Parameters.AddWithValue("$alive", time.UtcTicks);
        command.Parameters.AddWithValue("$address", silo.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CleanupDefunctAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "DELETE FROM membership WHERE cluster_id = $cluster AND status = $dead AND alive_ticks < $cutoff");
        command.Parameters.AddWithValue("$dead", (long)SiloStatus.Dead);
        command.Parameters.AddWithValue("$cutoff", olderThan.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> ChangeAsync(MembershipEntry entry, long expectedVersion, string rowStatement, long? etag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var version = Command(connection, transaction,
            "UPDATE membership_version SET version = version + 1 WHERE cluster_id = $cluster AND version = $expected");
        version.Parameters.AddWithValue("$expected", expectedVersion);
        if (await version.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false; // disposing the transaction rolls it back
        }

        await using var row = Command(connection, transaction, rowStatement);
        row.Parameters.AddWithValue("$address", entry.Silo.ToString());
        row.Parameters.AddWithValue("$name", entry.SiloName);
        row.Parameters.AddWithValue("$status", (long)entry.Status);
        row.Parameters.AddWithValue("$roles", MembershipRowText.Roles(entry.Roles));
        row.Parameters.AddWithValue("$gateway", entry.GatewayPort);
        row.Parameters.AddWithValue("$start", entry.StartTime.UtcTicks);
        row.Parameters.AddWithValue("$alive", entry.IAmAliveTime.UtcTicks);
        row.Parameters.AddWithValue("$suspicions", MembershipRowText.Suspicions(entry.Suspicions));
        if (etag is { } expectedEtag)
        {
            row.Parameters.AddWithValue("$etag", expectedEtag);
        }

        if (await row.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        command.Parameters.AddWithValue("$cluster", _clusterId);
        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
