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

    /// <summary>
    /// Join a cluster through this membership database instead of running alone: a SQLite file shared by silo processes
    /// on one host (e.g. "data/cluster.db"), or a PostgreSQL connection string ("Host=...;Database=...") for silos on
    /// several hosts, which then also keep grain state there. A clustered silo needs a gateway port.
    /// </summary>
    public string? ClusterDatabase { get; set; }

    /// <summary>Silos with the same cluster id in one membership database form one cluster.</summary>
    public string ClusterId { get; set; } = "agentrl";

    /// <summary>Where learners train and policy replicas sample: auto (a GPU when the silo has one), cpu, cuda or cuda:N.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>The silo's name in the cluster's membership table (the machine's name by default).</summary>
    public string? SiloName { get; set; }

    /// <summary>What this silo offers placement, e.g. "learner" on the machine with the GPU.</summary>
    public List<string> Roles { get; } = [];

    /// <summary>The address the gateway listens on (loopback by default; 0.0.0.0 for other hosts).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The address other silos reach this one at, when it listens on every interface.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Whether <see cref="ClusterDatabase"/> names a PostgreSQL database (a connection string) rather than a SQLite file.</summary>
    public bool UsesPostgres => ClusterDatabase?.Contains('=', StringComparison.Ordinal) == true;

    /// <summary>The least severe log messages written to the console (warnings by default).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>Assemblies with grains beyond those the entry assembly references.</summary>
    public List<System.Reflection.Assembly> GrainAssemblies { get; } = [];
}
