using System.Data.Common;
using System.Globalization;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// A membership table in a relational database, in SQL that SQLite and PostgreSQL both run. A change is one write
/// transaction: the version row's conditional update takes the write lock (a concurrent writer waits, then finds the
/// version moved and updates nothing), then the silo's row is written; either finding nothing to change rolls the
/// transaction back. Providers open connections, start transactions and create the schema.
/// </summary>
public abstract class SqlMembershipTable : IMembershipTable
{
    private const string Columns = "address, silo_name, status, roles, gateway_port, start_ticks, alive_ticks, suspicions, etag";

    // A row written from an older read, or a late heartbeat, must not move the silo's last heartbeat back.
    private const string LatestAlive = "CASE WHEN alive_ticks > @alive THEN alive_ticks ELSE @alive END";

    protected SqlMembershipTable(string clusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ClusterId = clusterId;
    }

    /// <summary>Rows of other cluster ids in the same tables are never seen.</summary>
    protected string ClusterId { get; }

    /// <summary>The two tables: membership_version (cluster_id, version) and membership (cluster_id, then <see cref="Columns"/>).</summary>
    public abstract Task InitializeAsync(CancellationToken cancellationToken);

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction whose reads all see one moment.</summary>
    protected abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A transaction that writes (and, on SQLite, holds the write lock from the start).</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginReadAsync(connection, cancellationToken);
        await using var version = Command(connection, transaction, "SELECT version FROM membership_version WHERE cluster_id = @cluster");
        var current = await version.ExecuteScalarAsync(cancellationToken) as long?
            ?? throw new InvalidOperationException($"The membership table has no version row for cluster '{ClusterId}': call InitializeAsync first.");
        await using var select = Command(connection, transaction, $"SELECT {Columns} FROM membership WHERE cluster_id = @cluster");
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

        return new MembershipSnapshot(current, rows.OrderBy(r => r.Entry.Silo).ToList());
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(entry, expectedVersion,
            $"INSERT INTO membership (cluster_id, {Columns}) VALUES (@cluster, @address, @name, @status, @roles, @gateway, @start, @alive, @suspicions, 1)" +
            " ON CONFLICT DO NOTHING",
            etag: null, cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var expectedEtag)
            ? ChangeAsync(entry, expectedVersion,
                "UPDATE membership SET silo_name = @name, status = @status, roles = @roles, gateway_port = @gateway, start_ticks = @start," +
                $" alive_ticks = {LatestAlive}, suspicions = @suspicions, etag = etag + 1" +
                " WHERE cluster_id = @cluster AND address = @address AND etag = @etag",
                expectedEtag, cancellationToken)
            : Task.FromResult(false);

    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"UPDATE membership SET alive_ticks = {LatestAlive} WHERE cluster_id = @cluster AND address = @address");
        Add(command, "alive", time.UtcTicks);
        Add(command, "address", silo.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CleanupDefunctAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM membership WHERE cluster_id = @cluster AND status = @dead AND alive_ticks < @cutoff");
        Add(command, "dead", (int)SiloStatus.Dead);
        Add(command, "cutoff", olderThan.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command with the cluster id bound as @cluster.</summary>
    protected DbCommand Command(DbConnection connection, DbTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        Add(command, "cluster", ClusterId);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<bool> ChangeAsync(MembershipEntry entry, long expectedVersion, string rowStatement, long? etag, CancellationToken cancellationToken)
    {
        MembershipRowText.ValidateRoles(entry.Roles);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await using var version = Command(connection, transaction, "UPDATE membership_version SET version = version + 1 WHERE cluster_id = @cluster AND version = @expected");
        Add(version, "expected", expectedVersion);
        if (await version.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false; // disposing the transaction rolls it back
        }

        await using var row = Command(connection, transaction, rowStatement);
        Add(row, "address", entry.Silo.ToString());
        Add(row, "name", entry.SiloName);
        Add(row, "status", (int)entry.Status);
        Add(row, "roles", MembershipRowText.Roles(entry.Roles));
        Add(row, "gateway", entry.GatewayPort);
        Add(row, "start", entry.StartTime.UtcTicks);
        Add(row, "alive", entry.IAmAliveTime.UtcTicks);
        Add(row, "suspicions", MembershipRowText.Suspicions(entry.Suspicions));
        if (etag is { } expectedEtag)
        {
            Add(row, "etag", expectedEtag);
        }

        if (await row.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
