using System.Collections.Concurrent;
using System.Net.Sockets;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// This silo's connections to the other silos of its cluster: one per silo incarnation, opened on first use and shared
/// by every call to it (the same framed protocol as clients use). A connection that fails is forgotten, and the next
/// call opens a new one; a silo that refuses connections fails its callers at once.
/// </summary>
internal sealed partial class SiloConnections(
    CallTimeouts timeouts,
    IGrainReferenceFactory references,
    MessagingOptions options,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Lazy<Task<OutboundConnection>>> _connections = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<SiloConnections>();
    private readonly SocketConnectionContextFactory _sockets = new(
        new SocketConnectionFactoryOptions { MaxReadBufferSize = options.MaxMessageSize + 64 * 1024 },
        loggerFactory.CreateLogger<SocketConnectionContextFactory>());

    private volatile bool _disposed;

    /// <summary>An open connection to <paramref name="silo"/> if there is one (no waiting).</summary>
    public OutboundConnection? TryGetOpen(SiloAddress silo) =>
        _connections.TryGetValue(silo, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result.IsUsable
            ? lazy.Value.Result
            : null;

    public async ValueTask<OutboundConnection> GetAsync(SiloAddress silo)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var lazy = _connections.GetOrAdd(silo, s => new Lazy<Task<OutboundConnection>>(() => ConnectAsync(s)));
            try
            {
                var connection = await lazy.Value;
                if (connection.IsUsable)
                {
                    return connection;
                }
            }
            catch
            {
                _connections.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task<OutboundConnection>>>(silo, lazy));
                throw;
            }

            _connections.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task<OutboundConnection>>>(silo, lazy));
        }
    }

    /// <summary>Closes the connection to <paramref name="silo"/>, failing its waiting calls with <paramref name="reason"/>.</summary>
    public Task DropAsync(SiloAddress silo, Exception reason) =>
        _connections.TryRemove(silo, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            ? lazy.Value.Result.CloseAsync(reason)
            : Task.CompletedTask;

    public IReadOnlyCollection<SiloAddress> Connected => [.. _connections.Keys];

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var silo in _connections.Keys)
        {
            await DropAsync(silo, new SiloUnavailableException("This silo is shutting down."));
        }
    }

    private async Task<OutboundConnection> ConnectAsync(SiloAddress silo)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = new CancellationTokenSource(options.SiloConnectTimeout);
        try
        {
            await socket.ConnectAsync(silo.EndPoint, deadline.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            LogConnectFailed(_logger, silo, exception.Message);
            throw new SiloUnavailableException($"Silo {silo} cannot be reached: {exception.Message}", exception) { RequestNotSent = true };
        }

        var connection = new OutboundConnection(_sockets.Create(socket), timeouts, references, options.MaxMessageSize, options.MaxInFlightPerConnection, silo, _logger);
        _ = RunAsync(silo, connection);
        LogConnected(_logger, silo);
        return connection;
    }

    private async Task RunAsync(SiloAddress silo, OutboundConnection connection)
    {
        await connection.RunAsync();
        LogDisconnected(_logger, silo);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected to silo {Silo}")]
    private static partial void LogConnected(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection to silo {Silo} closed")]
    private static partial void LogDisconnected(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to silo {Silo} failed: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, SiloAddress silo, string reason);
}
