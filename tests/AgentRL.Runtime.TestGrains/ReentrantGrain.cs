namespace AgentRL.Runtime.TestGrains;

public interface IRendezvousGrain : IGrainWithStringKey
{
    /// <summary>Waits until <see cref="Arrive"/> is called; only possible if requests interleave.</summary>
    Task<string> WaitForPartner();

    Task Arrive(string who);

    /// <summary>The largest number of grain code sections observed running at the same instant (must be 1).</summary>
    Task<int> MaxParallelism();
}

[Reentrant]
public sealed class ReentrantRendezvousGrain : Grain, IRendezvousGrain
{
    private readonly TaskCompletionSource<string> _partner = new();
    private int _running;
    private int _maxRunning;

    public async Task<string> WaitForPartner()
    {
        Enter();
        Leave();
        var who = await _partner.Task;
        Enter();
        Leave();
        return who;
    }

    public Task Arrive(string who)
    {
        Enter();
        Leave();

        // Completing the waiter resumes it inline on this same activation (nested, not parallel), so do it last.
        _partner.TrySetResult(who);
        return Task.CompletedTask;
    }

    public Task<int> MaxParallelism() => Task.FromResult(_maxRunning);

    private void Enter()
    {
        var now = Interlocked.Increment(ref _running);
        if (now > _maxRunning)
        {
            _maxRunning = now;
        }

        Thread.SpinWait(1000);
    }

    private void Leave() => Interlocked.Decrement(ref _running);
}
