using System.Data.Common;
using Npgsql;

namespace AgentRL.Runtime.Persistence;

/// <summary>Grain storage in PostgreSQL, for silos on several hosts.</summary>
public sealed class PostgresGrainStorage : SqlGrainStorage, IAsyncDisposable
{
    // Serialises schema creation: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalogue.
    private const long SchemaLock = 0x4147_454E_5452_4C32;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresGrainStorage(PostgresGrainStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(connection,
            $"SELECT pg_advisory_xact_lock({SchemaLock});" +
            "CREATE TABLE IF NOT EXISTS grain_state (" +
            " grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL," +
            " data bytea NOT NULL, version bigint NOT NULL, updated_ms bigint NOT NULL," +
            " PRIMARY KEY (grain_type, grain_key, state_name));");
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
