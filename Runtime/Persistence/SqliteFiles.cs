using Microsoft.Data.Sqlite;

namespace AgentRL.Runtime.Persistence;

/// <summary>How the runtime opens its SQLite files: created on demand (folder included), pooled, waiting up to 30 s for a lock.</summary>
internal static class SqliteFiles
{
    public static string ConnectionString(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
