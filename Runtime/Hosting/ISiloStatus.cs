using System.Net;

namespace AgentRL.Runtime.Hosting;

/// <summary>What a running silo reports about itself.</summary>
public interface ISiloStatus
{
    /// <summary>Where the gateway listens once started (with the real port when 0 was configured); null if disabled.</summary>
    IPEndPoint? GatewayEndPoint { get; }

    /// <summary>Activations currently in this silo.</summary>
    int ActivationCount { get; }
}
