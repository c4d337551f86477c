namespace AgentRL.Testing;

/// <summary>
/// A clock that moves only when a test says so, for protocols with timeouts (no sleeping in tests). Both its wall clock
/// and its timestamps move, so elapsed-time checks see the same time as dates do; timers it creates still run in real time.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
