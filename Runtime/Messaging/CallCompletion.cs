using System.Runtime.CompilerServices;
using AgentRL.Runtime.CodeGeneration;

namespace AgentRL.Runtime.Messaging;

/// <summary>
/// A local caller waiting for a request that did not complete synchronously. Continuations run asynchronously so that
/// the caller never resumes on the callee's scheduler.
/// </summary>
internal sealed class CallCompletion<TResult> : TaskCompletionSource<TResult>, IResponseSink, ITrackedCall
{
    private readonly GrainRequest<TResult> _request;
    private readonly GrainId _target;
    private readonly TimeSpan _timeout;
    private readonly CallTimeouts _timeouts;
    private readonly CancellationTokenRegistration _cancellation;

    public CallCompletion(GrainRequest<TResult> request, GrainId target, TimeSpan timeout, CallTimeouts timeouts)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _request = request;
        _target = target;
        _timeout = timeout;
        _timeouts = timeouts;
        DeadlineTimestamp = request.DeadlineTimestamp;
        request.Sink = this;
        timeouts.Track(this);
        if (request.GrainCancellation is { } grainCancellation)
        {
            // The grain sees the linked token; the caller stops waiting as soon as it is cancelled.
            _cancellation = grainCancellation.Token.Register(static s => ((CallCompletion<TResult>)s!).OnCancelled(), this);
        }
    }

    public long DeadlineTimestamp { get; }

    public void OnResult<T>(GrainRequest<T> request, T result)
    {
        Finish();
        TrySetResult(Unsafe.As<T, TResult>(ref result));
    }

    public void OnException(GrainRequest request, Exception exception)
    {
        Finish();
        TrySetException(exception);
    }

    public void OnTimeout()
    {
        TrySetException(new TimeoutException(
            $"Call to {_request.Method.DisplayName} on {_target} timed out after {_timeout}. Call chain: " +
            CallChainLink.Describe(_request.Caller, $"{_request.Method.DisplayName} ({_target})")));
        _request.GrainCancellation?.Cancel();
    }

    private void OnCancelled()
    {
        _timeouts.Untrack(this);
        TrySetCanceled(_request.GrainCancellation!.Token);
    }

    private void Finish()
    {
        _timeouts.Untrack(this);
        _cancellation.Dispose();
        _request.GrainCancellation?.Dispose();
    }
}
