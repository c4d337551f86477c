using System.Net;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Networking;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>
/// Accepts client connections on the gateway port through Kestrel's socket transport and runs each through
/// <see cref="GatewayConnectionHandler"/>.
/// </summary>
internal sealed partial class GatewayListener(
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<MessagingOptions> messagingOptions,
    GatewayConnectionHandler handler,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<GatewayListener>();
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public IPEndPoint? EndPoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = gatewayOptions.Value;
        var transport = new SocketTransportFactory(
            Options.Create(new SocketTransportOptions
            {
                // Frames are consumed whole, so the transport must be allowed to buffer the largest one.
                MaxReadBufferSize = messagingOptions.Value.MaxMessageSize + 64 * 1024,
                NoDelay = true,
            }),
            loggerFactory);
        _listener = await transport.BindAsync(new IPEndPoint(IPAddress.Parse(options.ListenAddress), options.Port), cancellationToken);
        EndPoint = (IPEndPoint)_listener.EndPoint;
        LogListening(_logger, EndPoint);
        _acceptLoop = AcceptLoopAsync(_listener);
    }

    /// <summary>Stops accepting; existing connections keep running until <see cref="CloseConnectionsAsync"/>.</summary>
    public async Task StopAcceptingAsync()
    {
        _stopping.Cancel();
        if (Interlocked.Exchange(ref _listener, null) is { } listener)
        {
            await listener.UnbindAsync();
            await _acceptLoop;
            await listener.DisposeAsync();
        }
    }

    /// <summary>Closes client and silo connections after their dispatched requests answer (until <paramref name="drain"/> fires).</summary>
    public Task CloseConnectionsAsync(CancellationToken drain = default) => handler.CloseAllAsync(drain);

    /// <summary>A host disposed without a graceful stop (a crash in tests) still frees its port and drops its clients.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAcceptingAsync();
        await CloseConnectionsAsync(new CancellationToken(canceled: true));
    }

    private async Task AcceptLoopAsync(IConnectionListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            ConnectionContext? connection;
            try
            {
                connection = await listener.AcceptAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                LogAcceptFailed(_logger, exception);
                continue;
            }

            if (connection is null)
            {
                return;
            }

            _ = handler.OnConnectedAsync(connection);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting a gateway connection failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);
}
