using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Messaging;

public sealed class TimeoutTests
{
    [Fact]
    public async Task PerMethodTimeoutFiresAndNamesTheCall()
    {
        await using var silo = await TestSilo.StartAsync();
        var slow = silo.Grains.GetGrain<ISlowGrain>("s1");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => slow.SleepWithShortTimeout(5_000));

        Assert.Contains("ISlowGrain.SleepWithShortTimeout", error.Message);
        Assert.Contains("s1", error.Message);
        Assert.Contains("00:00:00.3", error.Message);
    }

    [Fact]
    public async Task DefaultTimeoutComesFromOptions()
    {
        // 2 s rather than less: a quick call to a fresh grain must fit in it even while other tests and benchmarks load
        // both cores (1 s was missed once so).
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["AgentRL:Messaging:ResponseTimeout"] = "00:00:02" });
        var slow = silo.Grains.GetGrain<ISlowGrain>("s2");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => slow.Sleep(5_000));

        Assert.Contains("ISlowGrain.Sleep", error.Message);
        Assert.Contains("timed out after 00:00:02", error.Message);
        Assert.Equal(10, await silo.Grains.GetGrain<ISlowGrain>("s3").Sleep(10));
    }

    [Fact]
    public async Task TimeoutInsideAChainNamesTheWholeChain()
    {
        await using var silo = await TestSilo.StartAsync();
        var chain = silo.Grains.GetGrain<IChainGrain>("outer");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => chain.CallSlow("inner", 5_000));

        Assert.Contains("IChainGrain.CallSlow (AgentRL.Runtime.TestGrains.ChainGrain/outer) -> ISlowGrain.SleepWithShortTimeout (AgentRL.Runtime.TestGrains.SlowGrain/inner)", error.Message);
    }

    [Fact]
    public async Task ARequestThatExpiresInTheQueueNeverRuns()
    {
        await using var silo = await TestSilo.StartAsync();
        var slow = silo.Grains.GetGrain<ISlowGrain>("busy");
        var busy = slow.Sleep(800);

        var queued = await Assert.ThrowsAsync<TimeoutException>(() => slow.SleepWithShortTimeout(10));
        await busy;

        Assert.Contains("ISlowGrain.SleepWithShortTimeout", queued.Message);
        Assert.Equal(0, await slow.ShortSleepsStarted());
    }

    [Fact]
    public async Task TimeoutCancelsTheGrainsToken()
    {
        await using var silo = await TestSilo.StartAsync();
        var slow = silo.Grains.GetGrain<ISlowGrain>("s4");
        // Activate first: on a loaded machine activation can outlast the 300 ms timeout, and a request that expires in
        // the queue never runs (so never sees its token).
        Assert.Equal(0, await slow.CancellationsSeen());

        await Assert.ThrowsAsync<TimeoutException>(() => slow.WaitForCancellation(CancellationToken.None));

        await Eventually.TrueAsync(async () => await slow.CancellationsSeen() == 1, "the grain saw its token cancelled");
    }

    [Fact]
    public async Task CallerCancellationFlowsToTheGrain()
    {
        await using var silo = await TestSilo.StartAsync();
        var slow = silo.Grains.GetGrain<ISlowGrain>("s5");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.WaitUntilCancelled(cancellation.Token));

        await Eventually.TrueAsync(async () => await slow.CancellationsSeen() == 1, "the grain saw the caller's cancellation");
    }
}
