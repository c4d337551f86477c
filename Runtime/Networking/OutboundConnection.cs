using System.Collections.Concurrent;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// A connection this process opened to a silo to call its grains: a client's to its gateway, or one silo's to another
/// (then every request names the incarnation it is meant for). Many calls are in flight at once, matched to responses
/// by correlation id, but at most <see cref="MaxInFlight"/>: further callers wait for a slot instead of queueing frames
/// without bound, and give up at their own deadline. When the connection is lost every waiting call fails at once with
/// <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed partial class OutboundConnection : FramedConnection
{
    private readonly ConcurrentDictionary<long, IRemoteCall> _pending = new();
    private readonly CallTimeouts _timeouts;
    private readonly IGrainReferenceFactory _references;
    private readonly SemaphoreSlim _slots;
    private readonly string _peer;
    private Exception? _closeReason;
    private long _nextCorrelationId;
    private int _waitingForSlot;
    private int _leaving;

    public OutboundConnection(
        ConnectionContext connection,
        CallTimeouts timeouts,
        IGrainReferenceFactory references,
        int maxFrameLength,
        int maxInFlight,
        SiloAddress? targetSilo,
        ILogger logger)
        : base(connection, maxFrameLength, logger)
    {
        _timeouts = timeouts;
        _references = references;
        MaxInFlight = maxInFlight;
        TargetSilo = targetSilo;
        _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        _peer = targetSilo is { } silo ? $"silo {silo}" : $"the gateway at {RemoteEndPoint}";
    }

    /// <summary>The silo incarnation this connection calls (null for a client's gateway connection).</summary>
    public SiloAddress? TargetSilo { get; }

    public int MaxInFlight { get; }

    /// <summary>The silo said it is leaving: no new calls go out here, and the connection closes once its calls are answered.</summary>
    public bool IsLeaving => Volatile.Read(ref _leaving) != 0;

    /// <summary>Open, and not told its silo is leaving: fit for new calls.</summary>
    public bool IsUsable => !IsClosed && !IsLeaving;

    /// <summary>Calls sent and not yet answered.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Callers waiting for a slot because <see cref="MaxInFlight"/> calls are out.</summary>
    public int WaitingForSlot => Volatile.Read(ref _waitingForSlot);

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="target"/>; <paramref name="hops"/> counts the silos a forwarded
    /// request has already passed through.
    /// </summary>
    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request, TimeSpan timeout, int hops = 0)
    {
        var deadline = _timeouts.DeadlineAfter(timeout);
        return _slots.Wait(0)
            ? Send(target, request, timeout, deadline, hops)
            : SendWhenFreeAsync(target, request, timeout, deadline, hops);
    }

    /// <summary>Stops waiting for a call (timeout, cancellation) and asks the silo to cancel it.</summary>
    public void Abandon(long correlationId)
    {
        if (Complete(correlationId) is not null)
        {
            TrySend(RequestFrames.WriteCancel(correlationId));
        }
    }

    /// <summary>Closes the connection, failing its waiting calls with <paramref name="reason"/>.</summary>
    public Task CloseAsync(Exception reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        return CloseAsync();
    }

    protected override void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        if (kind == FrameKind.Leaving)
        {
            Interlocked.Exchange(ref _leaving, 1);
            CloseIfDrained();
            return;
        }

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
                $"The response is {length} bytes; this process accepts at most {MaxFrameLength} bytes. It was discarded."));
        }
    }

    protected override void OnClosed(Exception? error)
    {
        var lost = _closeReason ?? new SiloUnavailableException($"The connection to {_peer} was lost.", error);
        foreach (var correlationId in _pending.Keys)
        {
            Complete(correlationId)?.Fail(lost);
        }
    }

    private ValueTask<TResult> Send<TResult>(GrainReference target, GrainRequest<TResult> request, TimeSpan timeout, long deadline, int hops)
    {
        if (IsLeaving)
        {
            _slots.Release();
            return ValueTask.FromException<TResult>(NotSentBecauseLeaving());
        }

        WireWriter frame;
        var correlationId = Interlocked.Increment(ref _nextCorrelationId);
        try
        {
            // The silo is told how long the caller still waits, which is less than the timeout after waiting for a slot.
            frame = RequestFrames.WriteRequest(correlationId, target, request, _timeouts.Remaining(deadline), MaxFrameLength, TargetSilo, hops);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        var call = new RemoteCall<TResult>(target, request, correlationId, timeout, deadline, this, _references);
        _pending[correlationId] = call;
        _timeouts.Track(call);
        call.WatchCancellation();
        if (!TrySend(frame) || IsClosed)
        {
            Complete(correlationId)?.Fail(_closeReason ?? new SiloUnavailableException($"The connection to {_peer} is closed."));
        }

        return new ValueTask<TResult>(call.Task);
    }

    private async ValueTask<TResult> SendWhenFreeAsync<TResult>(GrainReference target, GrainRequest<TResult> request, TimeSpan timeout, long deadline, int hops)
    {
        Interlocked.Increment(ref _waitingForSlot);
        try
        {
            if (!await _slots.WaitAsync(_timeouts.Remaining(deadline), request.CancellationToken))
            {
                throw new TimeoutException(
                    $"Call to {request.Method.DisplayName} on {target} timed out after {timeout}: all {MaxInFlight} call slots to {_peer} stayed busy.");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForSlot);
        }

        return await Send(target, request, timeout, deadline, hops);
    }

    private IRemoteCall? Complete(long correlationId)
    {
        if (!_pending.TryRemove(correlationId, out var call))
        {
            return null;
        }

        _slots.Release();
        if (call is ITrackedCall tracked)
        {
            _timeouts.Untrack(tracked);
        }

        CloseIfDrained();
        return call;
    }

    /// <summary>Once a leaving silo has answered every call, this end closes (a fire-and-forget: the read loop may be the caller).</summary>
    private void CloseIfDrained()
    {
        if (IsLeaving && _pending.IsEmpty && !IsClosed)
        {
            _ = CloseAsync(NotSentBecauseLeaving());
        }
    }

    // Only calls made after the silo said it was leaving can fail with this: the connection closes with nothing pending.
    private SiloUnavailableException NotSentBecauseLeaving() =>
        new($"{_peer} is leaving; the request was not sent.") { RequestNotSent = true };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a {Kind} frame from {Remote}")]
    private static partial void LogUnexpectedFrame(ILogger logger, string remote, FrameKind kind);
}
