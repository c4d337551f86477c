namespace AgentRL.Runtime.TestGrains;

public interface IOverlapDetectorGrain : IGrainWithIntegerKey
{
    /// <summary>Enters, yields across an await, leaves; returns the number of calls completed so far.</summary>
    Task<int> Visit();

    /// <summary>How many times a turn found another turn already inside.</summary>
    Task<int> GetOverlaps();
}

/// <summary>Detects any overlap between requests (which a non-reentrant grain must never allow).</summary>
public sealed class OverlapDetectorGrain : Grain, IOverlapDetectorGrain
{
    private int _inside;
    private int _overlaps;
    private int _completed;

    public async Task<int> Visit()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        await Task.Yield();
        await Task.Delay(0);
        if (Volatile.Read(ref _inside) != 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        Interlocked.Decrement(ref _inside);
        return ++_completed;
    }

    public Task<int> GetOverlaps() => Task.FromResult(_overlaps);
}
