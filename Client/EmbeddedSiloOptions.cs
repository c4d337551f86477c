namespace AgentRL.Client;

/// <summary>How <see cref="AgentClient.StartEmbeddedAsync"/> runs its in-process silo.</summary>
public sealed class EmbeddedSiloOptions
{
    /// <summary>Where the SQLite database lives; created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A gateway port for remote clients to join, or null for none (the default: nothing listens).</summary>
    public int? GatewayPort { get; set; }

    /// <summary>A folder of plug-in environments to load, or null.</summary>
    public string? EnvironmentPluginFolder { get; set; }

    /// <summary>Assemblies with grains beyond those the entry assembly references.</summary>
    public List<System.Reflection.Assembly> GrainAssemblies { get; } = [];
}
