using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Tests.Activation;

public sealed class LifecycleTests
{
    private static readonly Dictionary<string, string?> FastCollection = new()
    {
        ["AgentRL:GrainCollection:CollectionAge"] = "00:00:00.300",
        ["AgentRL:GrainCollection:CollectionQuantum"] = "00:00:00.050",
    };

    [Fact]
    public async Task IdleGrainsDeactivateAndReactivateWithTheirState()
    {
        await using var silo = await TestSilo.StartAsync(settings: FastCollection);
        var key = $"idle-{Guid.NewGuid():N}";
        var session = silo.Grains.GetGrain<ISessionGrain>(key);
        await session.Set("remember me");
        var firstActivation = await session.ActivationId();

        await Eventually.TrueAsync(() => SessionGrain.Activations.DeactivationsOf(key).Count == 1, "idle collection of the session");

        Assert.Equal(DeactivationReason.IdleCollection, SessionGrain.Activations.DeactivationsOf(key)[0]);
        Assert.Equal("remember me", await session.Get());
        Assert.NotEqual(firstActivation, await session.ActivationId());
        Assert.Equal(2, SessionGrain.Activations.ActivationCount(key));
    }

    [Fact]
    public async Task GrainsCalledWithinTheCollectionAgeAreNotCollected()
    {
        // The test moves the clock and runs the collector itself: whether a grain counts as busy must not hang on how
        // promptly a loaded machine wakes a sleeping test (a real 50 ms delay has stretched past a whole second in CI).
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        await using var silo = await TestSilo.StartAsync(
            configure: s => s.Services.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string?>
            {
                ["AgentRL:GrainCollection:CollectionAge"] = "00:00:01",
                ["AgentRL:GrainCollection:CollectionQuantum"] = "01:00:00",
            });
        var collector = silo.Services.GetRequiredService<ActivationCollector>();
        var key = $"busy-{Guid.NewGuid():N}";
        var session = silo.Grains.GetGrain<ISessionGrain>(key);
        var activation = await session.ActivationId();

        // 0.6 s between calls, 4.8 s in all: far past the age, never the age without a call.
        for (var i = 0; i < 8; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(600));
            collector.Collect();
            Assert.Equal(activation, await session.ActivationId());
        }

        Assert.Empty(SessionGrain.Activations.DeactivationsOf(key));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, collector.Collect());
        await Eventually.TrueAsync(() => SessionGrain.Activations.DeactivationsOf(key).Count == 1, "idle collection of the session");
        Assert.Equal(DeactivationReason.IdleCollection, SessionGrain.Activations.DeactivationsOf(key)[0]);
    }

    [Fact]
    public async Task DeactivateOnIdleRunsOnDeactivateAndTheNextCallGetsAFreshActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = $"leave-{Guid.NewGuid():N}";
        var session = silo.Grains.GetGrain<ISessionGrain>(key);
        await session.Set("kept");
        var first = await session.ActivationId();

        await session.Leave();

        await Eventually.TrueAsync(() => SessionGrain.Activations.DeactivationsOf(key).Count == 1, "requested deactivation");
        Assert.Equal(DeactivationReason.RequestedByGrain, SessionGrain.Activations.DeactivationsOf(key)[0]);
        Assert.NotEqual(first, await session.ActivationId());
        Assert.Equal("kept", await session.Get());
    }

    [Fact]
    public async Task CallsArrivingDuringDeactivationAreForwardedToTheNextActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = $"racing-{Guid.NewGuid():N}";
        var session = silo.Grains.GetGrain<ISessionGrain>(key);
        await session.Set("value");
        var first = await session.ActivationId();
        // The deactivation waits in OnDeactivateAsync until released, so every call below arrives while it is under way.
        var release = SessionGrain.HoldDeactivation(key);

        await session.Leave();
        await Eventually.TrueAsync(() => SessionGrain.Activations.DeactivationsOf(key).Count == 1, "deactivation under way");
        var calls = Enumerable.Range(0, 200).Select(_ => session.ActivationId()).ToList();
        await Task.Delay(100);
        Assert.DoesNotContain(calls, call => call.IsCompleted);
        release.SetResult();
        var activations = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        var next = Assert.Single(activations.Distinct());
        Assert.NotEqual(first, next);
        Assert.Equal(2, SessionGrain.Activations.ActivationCount(key));
        Assert.Equal("value", await session.Get());
    }

    [Fact]
    public async Task TimersTickAsTurnsAndStopWithTheirActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = $"ticking-{Guid.NewGuid():N}";
        var session = silo.Grains.GetGrain<ISessionGrain>(key);
        await session.StartTicking(5);
        await Eventually.TrueAsync(() => SessionGrain.TicksOf(key) >= 5, "timer ticks");

        await session.Leave();
        await Eventually.TrueAsync(() => SessionGrain.Activations.DeactivationsOf(key).Count == 1, "deactivation");
        var ticks = SessionGrain.TicksOf(key);
        await Task.Delay(200);

        Assert.InRange(SessionGrain.TicksOf(key), ticks, ticks + 1);
        Assert.Equal(1, SessionGrain.Activations.ActivationCount(key));
    }

    [Fact]
    public async Task GracefulShutdownRunsOnDeactivateSoStateWrittenThereSurvives()
    {
        using var folder = new TempDirectory();
        var database = folder.File("shutdown.db");
        var key = $"shutdown-{Guid.NewGuid():N}";
        await using (var silo = await TestSilo.StartAsync(database))
        {
            await silo.Grains.GetGrain<ISessionGrain>(key).Set("written on the way out");
        }

        Assert.Equal([DeactivationReason.SiloShutdown], SessionGrain.Activations.DeactivationsOf(key));
        await using var restarted = await TestSilo.StartAsync(database);
        Assert.Equal("written on the way out", await restarted.Grains.GetGrain<ISessionGrain>(key).Get());
    }

    [Fact]
    public async Task ShutdownWaitsForRunningTurns()
    {
        var silo = await TestSilo.StartAsync();
        var key = $"draining-{Guid.NewGuid():N}";
        var slow = silo.Grains.GetGrain<ISlowGrain>(key);
        var running = slow.Sleep(300);
        // The turn must be running when the silo stops; a fixed delay may not get it there on a loaded machine.
        await Eventually.TrueAsync(() => SlowGrain.SleepsStartedOn(key) == 1, "the sleep under way");

        await silo.StopAsync();

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Equal(300, await running);
    }

    [Fact]
    public async Task ActivationCountReflectsTheCatalog()
    {
        await using var silo = await TestSilo.StartAsync();
        var status = (ISiloStatus)silo.Services.GetService(typeof(ISiloStatus))!;
        var before = status.ActivationCount;
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => silo.Grains.GetGrain<ICounterGrain>($"count-{i}").Get()));
        Assert.Equal(before + 10, status.ActivationCount);
    }
}
