using System.Collections.Concurrent;
using System.Diagnostics;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Networking;

/// <summary>Kestrel connection handler of the gateway: one <see cref="GatewayConnection"/> per client or peer silo.</summary>
internal sealed partial class GatewayConnectionHandler(
    GrainCallRouter router,
    IGrainReferenceFactory references,
    IOptions<MessagingOptions> messagingOptions,
    ILogger<GatewayConnectionHandler> logger) : ConnectionHandler
{
    private readonly ConcurrentDictionary<GatewayConnection, byte> _connections = new();

    public int ConnectionCount => _connections.Count;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var gatewayConnection = new GatewayConnection(connection, router, references, messagingOptions.Value.MaxMessageSize, logger);
        _connections[gatewayConnection] = 0;
        LogConnected(logger, gatewayConnection.RemoteEndPoint);
        try
        {
            await gatewayConnection.RunAsync();
        }
        catch (Exception exception)
        {
            LogConnectionFailed(logger, exception, gatewayConnection.RemoteEndPoint);
        }
        finally
        {
            _connections.TryRemove(gatewayConnection, out _);
            LogDisconnected(logger, gatewayConnection.RemoteEndPoint);
        }
    }

    /// <summary>How long a stopping silo waits for peers told it is leaving to close their ends once nothing is in flight.</summary>
    internal static readonly TimeSpan PeerCloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Closes every connection. Unless <paramref name="drain"/> is already cancelled (a crash), each peer is first told
    /// the silo is leaving; requests already dispatched answer (a silo stopping gracefully forwards what arrives for
    /// grains it no longer holds), and peers close their ends once their calls are answered, for up to
    /// <see cref="PeerCloseGrace"/> or until <paramref name="drain"/> is cancelled.
    /// </summary>
    public async Task CloseAllAsync(CancellationToken drain = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (!drain.IsCancellationRequested)
            {
                foreach (var connection in _connections.Keys)
                {
                    connection.BeginLeaving();
                }
            }

            while (_connections.Keys.Any(c => c.InFlight > 0) || (!_connections.IsEmpty && clock.Elapsed < PeerCloseGrace))
            {
                await Task.Delay(10, drain);
            }
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_connections.Keys.Select(c => c.CloseAsync()));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client connected from {Remote}")]
    private static partial void LogConnected(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client {Remote} disconnected")]
    private static partial void LogDisconnected(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection from {Remote} failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, string remote);
}
