using System.Data.Common;
using System.Globalization;

namespace AgentRL.Runtime.Persistence;

/// <summary>
/// Grain storage in a SQL database: one row per (grain type, grain key, state name) whose version number is the ETag,
/// checked in the same statement that writes. The SQL here runs unchanged on SQLite and PostgreSQL; providers supply
/// connections and the table's schema.
/// </summary>
public abstract class SqlGrainStorage : IGrainStorage
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = Command(connection, "SELECT data, version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state", grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredState((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = Command(connection, expectedEtag is null
            ? "INSERT INTO grain_state (grain_type, grain_key, state_name, data, version, updated_ms) VALUES (@type, @key, @state, @data, 1, @now) " +
              "ON CONFLICT DO NOTHING RETURNING version"
            : "UPDATE grain_state SET data = @data, version = version + 1, updated_ms = @now " +
              "WHERE grain_type = @type AND grain_key = @key AND state_name = @state AND version = @expected RETURNING version",
            grainId, stateName);
        Add(command, "data", data.ToArray());
        Add(command, "now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (expectedEtag is not null)
        {
            Add(command, "expected", ParseEtag(expectedEtag));
        }

        if (await command.ExecuteScalarAsync(cancellationToken) is long written)
        {
            return written.ToString(CultureInfo.InvariantCulture);
        }

        throw await StaleAsync(connection, grainId, stateName, expectedEtag, cancellationToken);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        if (expectedEtag is null)
        {
            if (await CurrentVersionAsync(connection, grainId, stateName, cancellationToken) is not null)
            {
                throw await StaleAsync(connection, grainId, stateName, expectedEtag, cancellationToken);
            }

            return;
        }

        await using var command = Command(connection, "DELETE FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state AND version = @expected", grainId, stateName);
        Add(command, "expected", ParseEtag(expectedEtag));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw await StaleAsync(connection, grainId, stateName, expectedEtag, cancellationToken);
        }
    }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the grain_state table if it is missing (run once per process, before the first statement).</summary>
    protected abstract Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    protected static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static DbCommand Command(DbConnection connection, string sql, GrainId grainId, string stateName)
    {
        var command = Command(connection, sql);
        Add(command, "type", grainId.Type);
        Add(command, "key", grainId.Key);
        Add(command, "state", stateName);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<InconsistentStateException> StaleAsync(DbConnection connection, GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = await CurrentVersionAsync(connection, grainId, stateName, cancellationToken);
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} has ETag '{stored ?? "(none)"}' but the write expected '{expectedEtag ?? "(none)"}'.",
            stored, expectedEtag);
    }

    private static async Task<string?> CurrentVersionAsync(DbConnection connection, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @state", grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }

    private static long ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"'{etag}' is not an ETag of this storage.", null, etag);

    private async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        if (_schemaReady)
        {
            return connection;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await CreateSchemaAsync(connection, cancellationToken);
                _schemaReady = true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        finally
        {
            _schemaGate.Release();
        }

        return connection;
    }
}
