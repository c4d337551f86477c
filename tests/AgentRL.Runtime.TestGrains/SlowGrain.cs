namespace AgentRL.Runtime.TestGrains;

public interface ISlowGrain : IGrainWithStringKey
{
    /// <summary>Sleeps (asynchronously) for <paramref name="milliseconds"/>, ignoring cancellation.</summary>
    [ResponseTimeout("00:00:00.300")]
    Task<int> SleepWithShortTimeout(int milliseconds);

    /// <summary>Waits until cancelled; returns whether the token fired.</summary>
    [ResponseTimeout("00:00:00.300")]
    Task<bool> WaitForCancellation(CancellationToken cancellationToken);

    /// <summary>Waits until cancelled (default timeout), recording that it saw cancellation.</summary>
    Task WaitUntilCancelled(CancellationToken cancellationToken);

    Task<int> CancellationsSeen();

    /// <summary>How many SleepWithShortTimeout calls actually ran.</summary>
    Task<int> ShortSleepsStarted();

    Task<int> Sleep(int milliseconds);
}

public sealed class SlowGrain : Grain, ISlowGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> SleepsStarted = new();
    private int _cancellations;
    private int _shortSleeps;

    /// <summary>How many <see cref="Sleep"/> calls have begun on <paramref name="key"/>, readable while one is under way.</summary>
    public static int SleepsStartedOn(string key) => SleepsStarted.GetValueOrDefault(key);

    public async Task<int> SleepWithShortTimeout(int milliseconds)
    {
        _shortSleeps++;
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    public async Task<bool> WaitForCancellation(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancellations);
            return true;
        }
    }

    public async Task WaitUntilCancelled(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancellations);
            throw;
        }
    }

    public Task<int> CancellationsSeen() => Task.FromResult(Volatile.Read(ref _cancellations));

    public Task<int> ShortSleepsStarted() => Task.FromResult(_shortSleeps);

    public async Task<int> Sleep(int milliseconds)
    {
        SleepsStarted.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, started) => started + 1);
        await Task.Delay(milliseconds);
        return milliseconds;
    }
}
