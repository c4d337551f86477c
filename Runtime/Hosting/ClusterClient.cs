using System.Net;
using System.Net.Sockets;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Core;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Networking;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>
/// A remote client: grain references created here send their calls over one multiplexed connection to a gateway (any
/// silo of the cluster routes a call to wherever its grain lives). A lost connection fails the calls in flight with
/// <see cref="SiloUnavailableException"/>; the next call connects again, trying the other gateways first, so a client
/// fails over when its gateway's silo dies.
/// </summary>
internal sealed partial class ClusterClient : IClusterClient, IGrainCallInvoker, IAsyncDisposable
{
    private readonly ClientOptions _options;
    private readonly MessagingOptions _messaging;
    private readonly CallTimeouts _timeouts;
    private readonly GrainFactory _factory;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private volatile OutboundConnection? _connection;
    private int _nextGateway;
    private bool _disposed;

    public ClusterClient(IOptions<ClientOptions> options, IOptions<MessagingOptions> messaging, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _messaging = messaging.Value;
        _timeouts = new CallTimeouts(time, _messaging.TimeoutSweepPeriod);
        _factory = new GrainFactory(this);
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ClusterClient>();
    }

    public bool IsConnected => _connection is { IsUsable: true };

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey => _factory.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey => _factory.GetGrain<TGrainInterface>(key);

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey => _factory.GetGrain<TGrainInterface>(key);

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var timeout = request.Method.ResponseTimeout ?? _messaging.ResponseTimeout;
        var connection = _connection;
        try
        {
            if (connection is not { IsUsable: true })
            {
                return InvokeAfterConnectAsync(target, request, timeout);
            }

            var sent = connection.InvokeAsync(target, request, timeout);
            return sent.IsCompletedSuccessfully ? sent : RetryIfNotRunAsync(sent, target, request, timeout);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(exception);
        }
    }

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsUsable: true })
            {
                return;
            }

            _connection = await OpenAsync(cancellationToken);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
        }

        _timeouts.Dispose();
    }

    /// <summary>
    /// A call its gateway refused unrun because that silo is leaving (a graceful stop) goes once through a fresh connection,
    /// to the next gateway: it cannot run twice.
    /// </summary>
    private async ValueTask<TResult> RetryIfNotRunAsync<TResult>(ValueTask<TResult> sent, GrainReference target, GrainRequest<TResult> request, TimeSpan timeout)
    {
        try
        {
            return await sent;
        }
        catch (SiloUnavailableException unavailable) when (unavailable.RequestNotSent && !_disposed)
        {
        }

        return await InvokeAfterConnectAsync(target, request, timeout);
    }

    private async ValueTask<TResult> InvokeAfterConnectAsync<TResult>(GrainReference target, GrainRequest<TResult> request, TimeSpan timeout)
    {
        await ConnectAsync(request.CancellationToken);
        return await _connection!.InvokeAsync(target, request, timeout);
    }

    private async Task<OutboundConnection> OpenAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ConnectTimeout);
        Exception? last = null;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            // Start after the gateway used last: when it died, its peers are the ones to try first.
            var gateways = _options.Gateways;
            for (var i = 0; i < gateways.Count; i++)
            {
                var index = (_nextGateway + i) % gateways.Count;
                var gateway = gateways[index];
                var endPoint = GatewayEndPoints.Parse(gateway);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endPoint, deadline.Token);
                    _nextGateway = (index + 1) % gateways.Count;
                    return Start(socket);
                }
                catch (Exception exception) when (exception is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    last = exception;
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }

                    if (deadline.IsCancellationRequested)
                    {
                        break;
                    }

                    LogConnectFailed(_logger, gateway, exception.Message);
                }
            }

            if (deadline.IsCancellationRequested)
            {
                throw new SiloUnavailableException(
                    $"Could not connect to any gateway ({string.Join(", ", _options.Gateways)}) within {_options.ConnectTimeout}.", last);
            }

            try
            {
                await Task.Delay(delay, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    private OutboundConnection Start(Socket socket)
    {
        var factory = new SocketConnectionContextFactory(
            new SocketConnectionFactoryOptions { MaxReadBufferSize = _messaging.MaxMessageSize + 64 * 1024 },
            _loggerFactory.CreateLogger<SocketConnectionContextFactory>());
        var context = factory.Create(socket);
        var connection = new OutboundConnection(context, _timeouts, _factory, _messaging.MaxMessageSize, _messaging.MaxInFlightPerConnection, targetSilo: null, _logger);
        _ = connection.RunAsync();
        LogConnected(_logger, (socket.RemoteEndPoint as IPEndPoint)?.ToString() ?? "gateway");
        return connection;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to gateway {Gateway}")]
    private static partial void LogConnected(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connecting to gateway {Gateway} failed: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string gateway, string reason);
}
