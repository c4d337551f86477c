using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AgentRL.Runtime.Persistence;

/// <summary>
/// Grain storage in a SQLite file: the embedded default. WAL journaling lets readers run during writes; the ETag is a
/// per-record version number, checked in the same statement that writes.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteGrainStorage(SqliteGrainStorageOptions options)
    {
        _connectionString = SqliteFiles.ConnectionString(options.DatabasePath);
    }

    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $state";
        AddKey(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredState((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        AddKey(command, grainId, stateName);
        command.Parameters.AddWithValue("$data", data.ToArray());
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (expectedEtag is null)
        {
            command.CommandText =
                "INSERT INTO grain_state (grain_type, grain_key, state_name, data, version, updated_ms) VALUES ($type, $key, $state, $data, 1, $now) " +
                "ON CONFLICT DO NOTHING RETURNING version";
        }
        else
        {
            command.CommandText =
                "UPDATE grain_state SET data = $data, version = version + 1, updated_ms = $now " +
                "WHERE grain_type = $type AND grain_key = $key AND state_name = $state AND version = $expected RETURNING version";
            command.Parameters.AddWithValue("$expected", ParseEtag(expectedEtag));
        }

        var version = await command.ExecuteScalarAsync(cancellationToken);
        if (version is long written)
        {
            return written.ToString(CultureInfo.InvariantCulture);
        }

        throw await StaleAsync(connection, grainId, stateName, expectedEtag, cancellationToken);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (expectedEtag is null)
        {
            var stored = await CurrentVersionAsync(connection, grainId, stateName, cancellationToken);
            if (stored is not null)
            {
                throw await StaleAsync(connection, grainId, stateName, expectedEtag, cancellationToken);
            }

            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $state AND version = $expected";
        AddKey(command, grainId, stateName);
        command.Parameters.AddWithValue("$expected", ParseEtag(expectedEtag));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw await StaleAsync(connection, grainId, stateName, expectedEtag, cancellationToken);
        }
    }

    private static async Task<InconsistentStateException> StaleAsync(SqliteConnection connection, GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = await CurrentVersionAsync(connection, grainId, stateName, cancellationToken);
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} has ETag '{stored ?? "(none)"}' but the write expected '{expectedEtag ?? "(none)"}'.",
            stored, expectedEtag);
    }

    private static async Task<string?> CurrentVersionAsync(SqliteConnection connection, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $state";
        AddKey(command, grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static long ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"'{etag}' is not an ETag of this storage.", null, etag);

    private static void AddKey(SqliteCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$state", stateName);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(connection, cancellationToken);
        }

        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText =
                "PRAGMA journal_mode = WAL;" +
                "CREATE TABLE IF NOT EXISTS grain_state (" +
                " grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL," +
                " data BLOB NOT NULL, version INTEGER NOT NULL, updated_ms INTEGER NOT NULL," +
                " PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
