namespace AgentRL.Grains.Demo;

/// <summary>Estimates π by sampling points, one batch per timer tick, publishing the running estimate.</summary>
public sealed class DemoJobGrain : Grain, IDemoJobGrain
{
    private const int SamplesPerStep = 20_000;
    private readonly UpdateFeed<JobProgress> _progress = new();
    private readonly Random _random = new(12345);
    private IDisposable? _timer;
    private int _step;
    private int _steps;
    private long _inside;

    public Task Start(int steps, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (_timer is not null)
        {
            throw new InvalidOperationException("The job is already running.");
        }

        _steps = steps;
        _timer = RegisterGrainTimer(Step, period, period);
        return Task.CompletedTask;
    }

    public Task<FeedPage<JobProgress>> WatchProgress(long fromSequence, TimeSpan maxWait, CancellationToken cancellationToken) =>
        _progress.ReadAsync(fromSequence, maxWait, cancellationToken);

    private Task Step(CancellationToken cancellationToken)
    {
        for (var i = 0; i < SamplesPerStep; i++)
        {
            var x = _random.NextDouble();
            var y = _random.NextDouble();
            if (x * x + y * y <= 1)
            {
                _inside++;
            }
        }

        _step++;
        _progress.Publish(new JobProgress(_step, _steps, 4.0 * _inside / ((long)_step * SamplesPerStep)));
        if (_step == _steps)
        {
            _timer!.Dispose();
            _progress.Complete();
        }

        return Task.CompletedTask;
    }
}
