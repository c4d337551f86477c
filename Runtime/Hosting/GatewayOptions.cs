namespace AgentRL.Runtime.Hosting;

/// <summary>The silo's client gateway (configuration section "AgentRL:Gateway").</summary>
public sealed class GatewayOptions
{
    public const string Section = "AgentRL:Gateway";

    /// <summary>Whether the silo accepts remote clients at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on: loopback unless configured otherwise.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see ISiloStatus.GatewayEndPoint).</summary>
    public int Port { get; set; } = 30000;
}
