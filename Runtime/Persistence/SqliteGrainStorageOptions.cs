namespace AgentRL.Runtime.Persistence;

/// <summary>Options of a SQLite grain storage provider.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The database file; created with its folder if missing.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "agentrl.db");
}
