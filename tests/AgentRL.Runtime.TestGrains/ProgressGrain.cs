namespace AgentRL.Runtime.TestGrains;

[GenerateSerializer]
public sealed record ProgressUpdate(int Step, int Of, string Message);

public interface IProgressGrain : IGrainWithStringKey
{
    /// <summary>Starts a job that publishes one update per timer tick, then completes the feed.</summary>
    Task Start(int steps, int periodMilliseconds);

    /// <summary>The long poll behind live watching (see UpdateFeed).</summary>
    [AlwaysInterleave]
    Task<FeedPage<ProgressUpdate>> Watch(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken);

    Task<int> TicksSoFar();
}

public sealed class ProgressGrain : Grain, IProgressGrain
{
    private readonly UpdateFeed<ProgressUpdate> _feed = new();
    private IDisposable? _timer;
    private int _step;
    private int _steps;

    public Task Start(int steps, int periodMilliseconds)
    {
        _steps = steps;
        _timer = RegisterGrainTimer(Tick, TimeSpan.FromMilliseconds(periodMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));
        return Task.CompletedTask;
    }

    public Task<FeedPage<ProgressUpdate>> Watch(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken) =>
        _feed.ReadAsync(fromSequence, maxWait, cancellationToken);

    public Task<int> TicksSoFar() => Task.FromResult(_step);

    private async Task Tick(CancellationToken cancellationToken)
    {
        await Task.Yield();
        _step++;
        _feed.Publish(new ProgressUpdate(_step, _steps, $"step {_step} of {_steps}"));
        if (_step == _steps)
        {
            _feed.Complete();
            _timer?.Dispose();
        }
    }
}
