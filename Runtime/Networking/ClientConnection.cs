using System.Collections.Concurrent;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// A client's connection to one gateway: many calls in flight, matched to responses by correlation id. When the
/// connection is lost every waiting call fails at once with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed partial class ClientConnection(
    ConnectionContext connection,
    CallTimeouts timeouts,
    IGrainReferenceFactory references,
    int maxFrameLength,
    ILogger logger) : FramedConnection(connection, maxFrameLength, logger)
{
    private readonly ConcurrentDictionary<long, IRemoteCall> _pending = new();
    private long _nextCorrelationId;

    public int PendingCount => _pending.Count;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request, TimeSpan timeout)
    {
        var correlationId = Interlocked.Increment(ref _nextCorrelationId);
        var frame = RequestFrames.WriteRequest(correlationId, target, request, timeout, MaxFrameLength);
        var call = new RemoteCall<TResult>(target, request, correlationId, timeout, timeouts.DeadlineAfter(timeout), this, references);
        _pending[correlationId] = call;
        timeouts.Track(call);
        call.WatchCancellation();
        if (!TrySend(frame) || IsClosed)
        {
            Complete(correlationId)?.Fail(new SiloUnavailableException($"The connection to the gateway at {RemoteEndPoint} is closed."));
        }

        return new ValueTask<TResult>(call.Task);
    }

    /// <summary>Stops waiting for a call (timeout, cancellation) and asks the gateway to cancel it.</summary>
    public void Abandon(long correlationId)
    {
        if (Complete(correlationId) is not null)
        {
            TrySend(RequestFrames.WriteCancel(correlationId));
        }
    }

    protected override void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        if (kind != FrameKind.Response)
        {
            LogUnexpectedFrame(Logger, RemoteEndPoint, kind);
            return;
        }

        // A response to a call that already timed out or was cancelled finds nothing here and is dropped.
        Complete(correlationId)?.OnResponse(body);
    }

    protected override void OnOversizedFrame(FrameKind kind, long correlationId, long length)
    {
        if (kind == FrameKind.Response)
        {
            Complete(correlationId)?.Fail(new MessageTooLargeException(
                $"The response is {length} bytes; this client accepts at most {MaxFrameLength} bytes. It was discarded."));
        }
    }

    protected override void OnClosed(Exception? error)
    {
        var lost = new SiloUnavailableException($"The connection to the gateway at {RemoteEndPoint} was lost.", error);
        foreach (var correlationId in _pending.Keys)
        {
            Complete(correlationId)?.Fail(lost);
        }
    }

    private IRemoteCall? Complete(long correlationId)
    {
        if (!_pending.TryRemove(correlationId, out var call))
        {
            return null;
        }

        if (call is ITrackedCall tracked)
        {
            timeouts.Untrack(tracked);
        }

        return call;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a {Kind} frame from gateway {Remote}")]
    private static partial void LogUnexpectedFrame(ILogger logger, string remote, FrameKind kind);
}
