using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AgentRL.Runtime.Persistence;

/// <summary>
/// Grain storage in a SQLite file: the embedded default, and what silo processes on one host share. WAL journaling lets
/// readers run during writes.
/// </summary>
public sealed class SqliteGrainStorage(SqliteGrainStorageOptions options) : SqlGrainStorage
{
    private readonly string _connectionString = SqliteFiles.ConnectionString(options.DatabasePath);

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            "PRAGMA journal_mode = WAL;" +
            "CREATE TABLE IF NOT EXISTS grain_state (" +
            " grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL," +
            " data BLOB NOT NULL, version INTEGER NOT NULL, updated_ms INTEGER NOT NULL," +
            " PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
