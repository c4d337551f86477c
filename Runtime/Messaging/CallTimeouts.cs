using System.Collections.Concurrent;

namespace AgentRL.Runtime.Messaging;

/// <summary>
/// Fires response timeouts. One sweep timer for all waiting calls is far cheaper than a timer per call; a timeout
/// fires at most one <see cref="SweepPeriod"/> late.
/// </summary>
internal sealed class CallTimeouts : IDisposable
{
    private readonly ConcurrentDictionary<ITrackedCall, byte> _calls = new(ReferenceEqualityComparer.Instance);
    private readonly TimeProvider _time;
    private readonly ITimer _timer;

    public CallTimeouts(TimeProvider time, TimeSpan sweepPeriod)
    {
        _time = time;
        SweepPeriod = sweepPeriod;
        _timer = time.CreateTimer(static s => ((CallTimeouts)s!).Sweep(), this, sweepPeriod, sweepPeriod);
    }

    public TimeSpan SweepPeriod { get; }

    public int Count => _calls.Count;

    public long DeadlineAfter(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout >= TimeSpan.FromDays(365)
            ? long.MaxValue
            : _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);

    /// <summary>The time left until <paramref name="deadline"/> (never negative; infinite for no deadline).</summary>
    public TimeSpan Remaining(long deadline) =>
        deadline == long.MaxValue ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(_time.GetTimestamp(), Math.Max(deadline, _time.GetTimestamp()));

    public void Track(ITrackedCall call) => _calls.TryAdd(call, 0);

    public void Untrack(ITrackedCall call) => _calls.TryRemove(call, out _);

    internal void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var call in _calls.Keys)
        {
            if (call.DeadlineTimestamp <= now && _calls.TryRemove(call, out _))
            {
                call.OnTimeout();
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
