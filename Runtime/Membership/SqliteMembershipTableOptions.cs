namespace AgentRL.Runtime.Membership;

/// <summary>A membership table in a SQLite file: several silo processes on one host share it.</summary>
public sealed class SqliteMembershipTableOptions
{
    public string DatabasePath { get; set; } = "data/membership.db";

    /// <summary>Silos with the same cluster id form one cluster; others sharing the file are not seen.</summary>
    public string ClusterId { get; set; } = "default";
}
