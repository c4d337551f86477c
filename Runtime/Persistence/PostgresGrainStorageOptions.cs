namespace AgentRL.Runtime.Persistence;

/// <summary>Options of a PostgreSQL grain storage provider.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>An Npgsql connection string, e.g. "Host=db;Username=agentrl;Password=...;Database=agentrl".</summary>
    public string ConnectionString { get; set; } = "";
}
