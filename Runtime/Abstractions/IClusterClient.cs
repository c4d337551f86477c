namespace AgentRL.Runtime;

/// <summary>A client connected to a silo's gateway. Obtain it from DI after <c>UseAgentClient</c>.</summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>True while the client holds an open connection to a gateway.</summary>
    bool IsConnected { get; }

    /// <summary>Connects (or reconnects) to a configured gateway, retrying until the connect timeout.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);
}
