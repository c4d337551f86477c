using System.Collections.Concurrent;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// The silo's end of one connection from a client or from another silo: decodes requests, hands them to the router
/// (never running grain code on the read loop) and sends responses as they complete, in any order. A request it cannot
/// understand gets an error response; the connection and its other calls carry on.
/// </summary>
internal sealed partial class GatewayConnection(
    ConnectionContext connection,
    GrainCallRouter router,
    IGrainReferenceFactory references,
    int maxFrameLength,
    ILogger logger) : FramedConnection(connection, maxFrameLength, logger), IResponseSink
{
    // Requests whose grain method takes a CancellationToken, so that a Cancel frame or a disconnect can reach it.
    private readonly ConcurrentDictionary<long, GrainRequest> _cancellable = new();
    private int _inFlight;
    private int _leaving;

    /// <summary>Requests dispatched from this connection whose response has not been sent yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Tells the peer this silo is leaving (<see cref="FrameKind.Leaving"/>): requests already dispatched still answer,
    /// any read from now on is answered <see cref="ResponseStatus.Rejected"/> unrun, and the peer closes its end once
    /// its calls are answered. A request is therefore never lost unanswered in a socket the silo closes.
    /// </summary>
    public void BeginLeaving()
    {
        // A full fence, paired with the one in OnRequest: a request either sees the flag or is counted in flight.
        if (Interlocked.Exchange(ref _leaving, 1) == 0)
        {
            TrySend(Frames.Empty(FrameKind.Leaving, 0));
        }
    }

    protected override void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        switch (kind)
        {
            case FrameKind.Request or FrameKind.SiloRequest:
                OnRequest(kind, correlationId, body);
                break;
            case FrameKind.Cancel:
                if (_cancellable.TryRemove(correlationId, out var cancelled))
                {
                    cancelled.GrainCancellation?.Cancel();
                }

                break;
            case FrameKind.Ping:
                TrySend(Frames.Empty(FrameKind.Pong, correlationId));
                break;
            default:
                LogUnexpectedFrame(Logger, RemoteEndPoint, kind);
                break;
        }
    }

    protected override void OnOversizedFrame(FrameKind kind, long correlationId, long length)
    {
        if (kind is FrameKind.Request or FrameKind.SiloRequest)
        {
            TrySend(RequestFrames.WriteException(correlationId, new MessageTooLargeException(
                $"The request is {length} bytes; this gateway accepts at most {MaxFrameLength} bytes. It was discarded.")));
        }
    }

    protected override void OnClosed(Exception? error)
    {
        foreach (var request in _cancellable.Values)
        {
            request.GrainCancellation?.Cancel();
        }

        _cancellable.Clear();
    }

    void IResponseSink.OnResult<TResult>(GrainRequest<TResult> request, TResult result)
    {
        Forget(request);
        TrySend(RequestFrames.WriteResult(request.CorrelationId, request, result, MaxFrameLength));
    }

    void IResponseSink.OnException(GrainRequest request, Exception exception)
    {
        Forget(request);
        TrySend(RequestFrames.WriteException(request.CorrelationId, exception));
    }

    private void OnRequest(FrameKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        GrainRequest request;
        GrainInterfaceDescriptor grainInterface;
        string key;
        var hops = 0;
        try
        {
            var reader = new WireReader(body, references);
            if (kind == FrameKind.SiloRequest)
            {
                var generation = reader.ReadVarInt64();
                hops = reader.ReadByte();
                if (router.Cluster is not { } cluster || !cluster.IsForThisSilo(generation))
                {
                    TrySend(RequestFrames.WriteException(correlationId, new SiloUnavailableException(router.Cluster?.Self is { } self
                        ? $"The request was for generation {generation} of this endpoint; this is {self}."
                        : "The request was for a silo of a cluster; this silo is not part of one.")));
                    return;
                }
            }

            var interfaceId = reader.ReadVarUInt32();
            var methodId = reader.ReadVarUInt32();
            key = reader.ReadString() ?? throw new InvalidGrainRequestException("The request has no grain key.");
            var timeoutMs = reader.ReadVarUInt64();
            grainInterface = GrainTypeRegistry.FindInterface(interfaceId)
                ?? throw new InvalidGrainRequestException($"Unknown grain interface id {interfaceId}.");
            var method = (methodId <= ushort.MaxValue ? grainInterface.FindMethod((ushort)methodId) : null)
                ?? throw new InvalidGrainRequestException($"{grainInterface.Name} has no method with id {methodId}.");
            if (!GrainKeys.IsValid(grainInterface.KeyKind, key))
            {
                throw new InvalidGrainRequestException($"'{key}' is not a valid {grainInterface.KeyKind} key for {grainInterface.Name}.");
            }

            request = method.CreateRequest();
            try
            {
                request.ReadArguments(ref reader);
                reader.EnsureFullyRead();
            }
            catch (Exception e) when (e is WireFormatException or OverflowException or ArgumentException)
            {
                throw new InvalidGrainRequestException($"The arguments of {method.DisplayName} do not decode: {e.Message}");
            }

            request.CorrelationId = correlationId;
            request.Sink = this;
            request.Hops = hops;
            var time = router.Local.Catalog.Time;
            request.DeadlineTimestamp = timeoutMs == 0 ? long.MaxValue : time.GetTimestamp() + (long)(timeoutMs / 1000.0 * time.TimestampFrequency);
            if (method.HasCancellationToken)
            {
                request.GrainCancellation = timeoutMs == 0 ? new CancellationTokenSource() : new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs));
                request.CancellationToken = request.GrainCancellation.Token;
                _cancellable[correlationId] = request;
            }
        }
        catch (Exception exception) when (exception is InvalidGrainRequestException or WireFormatException or OverflowException)
        {
            LogBadRequest(Logger, RemoteEndPoint, exception.Message);
            TrySend(RequestFrames.WriteException(correlationId, exception is InvalidGrainRequestException
                ? exception
                : new InvalidGrainRequestException($"The request does not decode: {exception.Message}")));
            return;
        }

        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _leaving) != 0)
        {
            Forget(request);
            TrySend(RequestFrames.WriteRejected(correlationId, $"{router.Cluster?.Self?.ToString() ?? "The silo"} is leaving; {request.Method.DisplayName} was not run."));
            return;
        }

        router.DispatchInbound(grainInterface, key, request, addressedHere: kind == FrameKind.SiloRequest);
    }

    private void Forget(GrainRequest request)
    {
        Interlocked.Decrement(ref _inFlight);
        if (request.GrainCancellation is { } cancellation)
        {
            _cancellable.TryRemove(request.CorrelationId, out _);
            cancellation.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request from {Remote}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a {Kind} frame from client {Remote}")]
    private static partial void LogUnexpectedFrame(ILogger logger, string remote, FrameKind kind);
}
