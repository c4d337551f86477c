namespace AgentRL.Runtime.Hosting;

/// <summary>A remote client's settings (configuration section "AgentRL:Client").</summary>
public sealed class ClientOptions
{
    public const string Section = "AgentRL:Client";

    /// <summary>Gateway endpoints as "host:port"; the client uses the first that answers.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>How long connecting keeps retrying before it gives up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
