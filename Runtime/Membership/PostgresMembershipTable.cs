using System.Data;
using System.Globalization;
using Npgsql;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// The membership table in PostgreSQL. A change is one transaction: the version row's conditional update takes its
/// row lock (a concurrent writer waits, then finds the version moved and updates nothing), then the silo's row is
/// written; either finding nothing to change rolls the transaction back. Reads run in one repeatable-read snapshot.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable, IAsyncDisposable
{
    private const string Columns = "address, silo_name, status, roles, gateway_port, start_ticks, alive_ticks, suspicions, etag";
    // Serialises schema creation: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalogue.
    private const long SchemaLock = 0x4147_454E_5452_4C31;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;

    public PostgresMembershipTable(PostgresMembershipTableOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClusterId);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _clusterId = options.ClusterId;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(connection, transaction,
            $"SELECT pg_advisory_xact_lock({SchemaLock});" +
            "CREATE TABLE IF NOT EXISTS membership_version (cluster_id text PRIMARY KEY, version bigint NOT NULL);" +
            "CREATE TABLE IF NOT EXISTS membership (cluster_id text NOT NULL, address text NOT NULL, silo_name text NOT NULL," +
            " status integer NOT NULL, roles text NOT NULL, gateway_port integer NOT NULL, start_ticks bigint NOT NULL," +
            " alive_ticks bigint NOT NULL, suspicions text NOT NULL, etag bigint NOT NULL, PRIMARY KEY (cluster_id, address));" +
            "INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING;");
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var version = Command(connection, transaction, "SELECT version FROM membership_version WHERE cluster_id = @cluster");
        var current = await version.ExecuteScalarAsync(cancellationToken) as long?
            ?? throw new InvalidOperationException($"The membership table has no version row for cluster '{_clusterId}': call InitializeAsync first.");
        await using var select = Command(connection, transaction, $"SELECT {Columns} FROM membership WHERE cluster_id = @cluster ORDER BY address COLLATE \"C\"");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = reader.GetString(0);
            var entry = new MembershipEntry(
                SiloAddress.Parse(address),
                reader.GetString(1),
                MembershipRowText.Status(reader.GetInt32(2), address),
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
            " VALUES (@cluster, @address, @name, @status, @roles, @gateway, @start, @alive, @suspicions, 1) ON CONFLICT DO NOTHING",
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
            "UPDATE membership SET silo_name = @name, status = @status, roles = @roles, gateway_port = @gateway, start_ticks = @start," +
            " alive_ticks = GREATEST(alive_ticks, @alive), suspicions = @suspicions, etag = etag + 1" +
            " WHERE cluster_id = @cluster AND address = @address AND etag = @etag",
            expectedEtag, cancellationToken);
    }

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE membership SET alive_ticks = GREATEST(alive_ticks, @alive) WHERE cluster_id = @cluster AND address = @address");
        command.Parameters.AddWithValue("alive", time.UtcTicks);
        command.Parameters.AddWithValue("address", silo.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CleanupDefunctAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "DELETE FROM membership WHERE cluster_id = @cluster AND status = @dead AND alive_ticks < @cutoff");
        command.Parameters.AddWithValue("dead", (int)SiloStatus.Dead);
        command.Parameters.AddWithValue("cutoff", olderThan.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<bool> ChangeAsync(MembershipEntry entry, long expectedVersion, string rowStatement, long? etag, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var version = Command(connection, transaction,
            "UPDATE membership_version SET version = version + 1 WHERE cluster_id = @cluster AND version = @expected");
        version.Parameters.AddWithValue("expected", expectedVersion);
        if (await version.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false; // disposing the transaction rolls it back
        }

        await using var row = Command(connection, transaction, rowStatement);
        row.Parameters.AddWithValue("address", entry.Silo.ToString());
        row.Parameters.AddWithValue("name", entry.SiloName);
        row.Parameters.AddWithValue("status", (int)entry.Status);
        row.Parameters.AddWithValue("roles", MembershipRowText.Roles(entry.Roles));
        row.Parameters.AddWithValue("gateway", entry.GatewayPort);
        row.Parameters.AddWithValue("start", entry.StartTime.UtcTicks);
        row.Parameters.AddWithValue("alive", entry.IAmAliveTime.UtcTicks);
        row.Parameters.AddWithValue("suspicions", MembershipRowText.Suspicions(entry.Suspicions));
        if (etag is { } expectedEtag)
        {
            row.Parameters.AddWithValue("etag", expectedEtag);
        }

        if (await row.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string text)
    {
        var command = new NpgsqlCommand(text, connection, transaction);
        command.Parameters.AddWithValue("cluster", _clusterId);
        return command;
    }
}
