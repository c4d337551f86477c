using System.Data.Common;
using AgentRL.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// The membership table in a SQLite file, for silo processes on one host. Writes run in immediate transactions (the
/// write lock from the start); WAL journaling lets silos read while one writes.
/// </summary>
public sealed class SqliteMembershipTable : SqlMembershipTable
{
    private readonly string _connectionString;

    public SqliteMembershipTable(SqliteMembershipTableOptions options)
        : base(options.ClusterId)
    {
        _connectionString = SqliteFiles.ConnectionString(options.DatabasePath);
    }

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "PRAGMA journal_mode = WAL;" +
            "CREATE TABLE IF NOT EXISTS membership_version (cluster_id TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;" +
            "CREATE TABLE IF NOT EXISTS membership (cluster_id TEXT NOT NULL, address TEXT NOT NULL, silo_name TEXT NOT NULL," +
            " status INTEGER NOT NULL, roles TEXT NOT NULL, gateway_port INTEGER NOT NULL, start_ticks INTEGER NOT NULL," +
            " alive_ticks INTEGER NOT NULL, suspicions TEXT NOT NULL, etag INTEGER NOT NULL, PRIMARY KEY (cluster_id, address)) WITHOUT ROWID;" +
            "INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING;");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
