using AgentRL.Runtime.Activation;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Messaging;

namespace AgentRL.Runtime.Timers;

/// <summary>
/// A timer owned by an activation. Each tick is queued as a turn of the activation (so it never overlaps a
/// non-interleaving request), and the next tick is armed only when the previous one has finished.
/// </summary>
internal sealed class GrainTimer : IDisposable, IResponseSink
{
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();

    public GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer period must be positive, or Timeout.InfiniteTimeSpan for a single tick.");
        }

        _activation = activation;
        _callback = callback;
        _state = state;
        _dueTime = dueTime;
        _period = period;
        _timer = time.CreateTimer(static s => ((GrainTimer)s!).OnFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnFired()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        var tick = new TimerTickRequest(this) { Sink = this };
        if (!_activation.EnqueueInternal(tick))
        {
            Dispose();
        }
    }

    internal Task RunAsync() => _callback(_state, _disposed.Token);

    void IResponseSink.OnResult<TResult>(GrainRequest<TResult> request, TResult result) => ArmNext();

    void IResponseSink.OnException(GrainRequest request, Exception exception) => ArmNext();

    private void ArmNext()
    {
        if (_disposed.IsCancellationRequested || _period == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: nothing more to arm.
        }
    }

    private sealed class TimerTickRequest(GrainTimer timer) : GrainRequest<Unit>
    {
        private static readonly GrainMethodDescriptor TickMethod =
            new("Grain", "TimerTick", 0, alwaysInterleave: false, responseTimeout: null, hasCancellationToken: false,
                static () => throw new NotSupportedException("Timer ticks never travel on the wire."));

        public override GrainMethodDescriptor Method => TickMethod;

        public override AgentRL.Runtime.Serialization.IWireCodec<Unit> ResultCodec => AgentRL.Runtime.Serialization.WireCodecs.Unit;

        internal override bool CountsAsActivity => false;

        internal override bool FollowsGrainToNextActivation => false;

        public override async ValueTask<Unit> InvokeAsync(object grain)
        {
            await timer.RunAsync();
            return default;
        }

        public override void WriteArguments(AgentRL.Runtime.Serialization.WireWriter writer) =>
            throw new NotSupportedException("Timer ticks never travel on the wire.");

        public override void ReadArguments(ref AgentRL.Runtime.Serialization.WireReader reader) =>
            throw new NotSupportedException("Timer ticks never travel on the wire.");
    }
}
