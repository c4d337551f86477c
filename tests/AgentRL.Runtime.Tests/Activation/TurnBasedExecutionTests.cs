using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Activation;

public sealed class TurnBasedExecutionTests
{
    [Fact]
    public async Task NonReentrantGrainRunsOneRequestAtATimeUnder1000ConcurrentCallers()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IOverlapDetectorGrain>(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Visit())));

        Assert.Equal(0, await grain.GetOverlaps());
        // Each visit saw a distinct completion count: the requests ran strictly one after another.
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
    }

    [Fact]
    public async Task ReentrantGrainInterleavesRequestsButNeverRunsInParallel()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IRendezvousGrain>("meeting");

        var waiting = grain.WaitForPartner();
        await grain.Arrive("bob");

        Assert.Equal("bob", await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, await grain.MaxParallelism());
    }

    [Fact]
    public async Task StatelessWorkersRunInParallelUpToTheirLimit()
    {
        await using var silo = await TestSilo.StartAsync();
        WorkerGrain.Reset();
        var worker = silo.Grains.GetGrain<IWorkerGrain>(0);

        var activations = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => worker.Work(200))));

        var distinct = activations.Distinct().Count();
        Assert.InRange(distinct, 2, 4);
        Assert.InRange(WorkerGrain.MaxConcurrent, 2, 4);
    }

    [Fact]
    public async Task GrainReferencesAreCheapValuesWithTheirKey()
    {
        await using var silo = await TestSilo.StartAsync();
        var guid = Guid.NewGuid();
        var a = silo.Grains.GetGrain<IShapesGrain>(guid);
        var b = silo.Grains.GetGrain<IShapesGrain>(guid);

        Assert.Equal(a, b);
        Assert.Equal(guid, a.GetPrimaryKey());
        Assert.Equal(guid, await a.Key());
        Assert.Equal(42L, await silo.Grains.GetGrain<IIntegerShapesGrain>(42).Key());
    }
}
