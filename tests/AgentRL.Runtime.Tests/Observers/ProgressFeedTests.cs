using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Observers;

public sealed class ProgressFeedTests
{
    [Fact]
    public async Task TimersDriveAFeedThatAWatcherSeesInOrderUntilItCompletes()
    {
        await using var silo = await TestSilo.StartAsync();
        var job = silo.Grains.GetGrain<IProgressGrain>("job");
        await job.Start(steps: 5, periodMilliseconds: 20);

        // Long polls of 30 s: updates must arrive as published, not when a poll times out.
        var seen = new List<ProgressUpdate>();
        await foreach (var update in UpdateFeedClient.WatchAsync<ProgressUpdate>((from, wait, ct) => job.Watch(from, wait, ct), TimeSpan.FromSeconds(30))
                           .WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token))
        {
            seen.Add(update);
        }

        Assert.Equal([1, 2, 3, 4, 5], seen.Select(u => u.Step));
        Assert.Equal("step 3 of 5", seen[2].Message);
        Assert.Equal(5, await job.TicksSoFar());
    }

    [Fact]
    public async Task ALongPollInFlightDoesNotBlockOtherRequests()
    {
        await using var silo = await TestSilo.StartAsync();
        var job = silo.Grains.GetGrain<IProgressGrain>("polled");
        var poll = job.Watch(1, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(0, await job.TicksSoFar().WaitAsync(TimeSpan.FromSeconds(2)));
        await job.Start(steps: 1, periodMilliseconds: 10);

        var page = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, Assert.Single(page.Items).Step);
    }

    [Fact]
    public async Task ARemoteClientWatchesLive()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var client = await silo.ConnectClientAsync();
        var job = client.Client.GetGrain<IProgressGrain>("remote-job");
        await job.Start(steps: 4, periodMilliseconds: 30);

        var steps = new List<int>();
        await foreach (var update in UpdateFeedClient.WatchAsync<ProgressUpdate>((from, wait, ct) => job.Watch(from, wait, ct), TimeSpan.FromSeconds(30))
                           .WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token))
        {
            steps.Add(update.Step);
        }

        Assert.Equal([1, 2, 3, 4], steps);
    }

    [Fact]
    public async Task AReaderThatFallsBehindIsToldWhatItMissed()
    {
        var feed = new UpdateFeed<int>(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            feed.Publish(i * 10);
        }

        var page = await feed.ReadAsync(1, TimeSpan.Zero);

        Assert.Equal([30, 40, 50], page.Items);
        Assert.Equal(2, page.Missed);
        Assert.Equal(6, page.NextSequence);
        Assert.False(page.Completed);

        var empty = await feed.ReadAsync(6, TimeSpan.FromMilliseconds(30));
        Assert.Empty(empty.Items);
        feed.Complete();
        Assert.True((await feed.ReadAsync(6, TimeSpan.FromSeconds(5))).Completed);
    }
}
