namespace AgentRL.Runtime.Membership;

/// <summary>A membership table in PostgreSQL: silos on several hosts share it.</summary>
public sealed class PostgresMembershipTableOptions
{
    /// <summary>An Npgsql connection string, e.g. "Host=db;Username=agentrl;Password=...;Database=agentrl".</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Silos with the same cluster id form one cluster; others sharing the database are not seen.</summary>
    public string ClusterId { get; set; } = "default";
}
