using Microsoft.Extensions.Hosting;

namespace AgentRL.Runtime.Hosting;

/// <summary>Connects the client when its host starts, and closes the connection when it stops.</summary>
internal sealed class ClientConnectService(ClusterClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => client.DisposeAsync().AsTask();
}
