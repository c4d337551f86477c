using System.Data;
using System.Data.Common;
using Npgsql;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// The membership table in PostgreSQL, for silos on several hosts. Reads run in one repeatable-read snapshot; a write's
/// conditional update of the version row takes that row's lock, which orders concurrent writers.
/// </summary>
public sealed class PostgresMembershipTable : SqlMembershipTable, IAsyncDisposable
{
    // Serialises schema creation: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalogue.
    private const long SchemaLock = 0x4147_454E_5452_4C31;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresMembershipTable(PostgresMembershipTableOptions options)
        : base(options.ClusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await using var command = Command(connection, transaction,
            $"SELECT pg_advisory_xact_lock({SchemaLock});" +
            "CREATE TABLE IF NOT EXISTS membership_version (cluster_id text PRIMARY KEY, version bigint NOT NULL);" +
            "CREATE TABLE IF NOT EXISTS membership (cluster_id text NOT NULL, address text NOT NULL, silo_name text NOT NULL," +
            " status bigint NOT NULL, roles text NOT NULL, gateway_port integer NOT NULL, start_ticks bigint NOT NULL," +
            " alive_ticks bigint NOT NULL, suspicions text NOT NULL, etag bigint NOT NULL, PRIMARY KEY (cluster_id, address));" +
            "INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING;");
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
