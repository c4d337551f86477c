namespace AgentRL.Runtime.Hosting;

/// <summary>Silo identity and lifecycle (configuration section "AgentRL:Silo").</summary>
public sealed class SiloOptions
{
    public const string Section = "AgentRL:Silo";

    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>What this silo offers placement (e.g. "learner" on a GPU machine); recorded in the membership table.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>How long a graceful shutdown waits for running turns and OnDeactivateAsync.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
