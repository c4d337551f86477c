using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Grains;
using AgentRL.Environments.Hosting;
using AgentRL.Samples.NumberGuess;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Environments.Tests.Hosting;

public sealed class EnvironmentGrainTests
{
    [Fact]
    public async Task AnEpisodeRunsThroughAnEnvironmentGrainExactlyAsDirectly()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddBuiltInEnvironments());
        var grain = silo.Grains.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format("gridworld", "episode-1"));
        var direct = new GridworldEnvironment();

        var viaGrain = await grain.Reset(17, 3);
        var expected = direct.Reset(17, 3);
        Assert.Equal(expected, viaGrain);
        while (!viaGrain.Done)
        {
            var action = await grain.ExpertAction();
            Assert.Equal(direct.ExpertAction(), action);
            viaGrain = await grain.Step(action!);
            Assert.Equal(direct.Step(action!), viaGrain);
            Assert.Equal(direct.CellKey, await grain.CellKey());
        }

        Assert.True(viaGrain.Info.Success);
        Assert.Equal(direct.Splits, await grain.Splits());
        Assert.Equal(6, (await grain.ValidActions())!.Count);
        Assert.Null(await grain.GroundTruth());
    }

    [Fact]
    public async Task SnapshotsCrossTheWireAsBytesAndRestoreIntoAnotherInstance()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddBuiltInEnvironments());
        await using var client = await silo.ConnectClientAsync();
        var first = client.Client.GetGrain<IEnvironmentGrain>("gridworld-rooms/a");
        var second = client.Client.GetGrain<IEnvironmentGrain>("gridworld-rooms/b");
        await first.Reset(5, 0);
        await first.Step((await first.ExpertAction())!);

        var snapshot = await first.Snapshot();
        await second.Restore(snapshot);

        Assert.Equal(await first.CellKey(), await second.CellKey());
        var action = (await first.ExpertAction())!;
        Assert.Equal(await first.Step(action), await second.Step(action));
        await Assert.ThrowsAsync<FormatException>(() => second.Restore([1, 2, 3]));
    }

    [Fact]
    public async Task UnknownEnvironmentsAndMalformedKeysFailClearly()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddBuiltInEnvironments());

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<IEnvironmentGrain>("chess/1").Reset(0, 0));
        Assert.Contains("Unknown environment 'chess'. This silo has: gridworld, gridworld-hard, gridworld-rooms, search, search-small, shop, shop-large, shop-numbered.", unknown.Message);
        var malformed = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<IEnvironmentGrain>("gridworld").Reset(0, 0));
        Assert.Contains("expected \"name/instance\"", malformed.Message);
    }

    [Fact]
    public async Task EnvironmentsRegisteredInTheSiloBuilderAreServed()
    {
        await using var silo = await TestSilo.StartAsync(configure: s => s.AddEnvironment<NumberGuessEnvironment>("number-guess"));
        var grain = silo.Grains.GetGrain<IEnvironmentGrain>("number-guess/1");

        await grain.Reset(0, 0);

        Assert.NotNull(await grain.GroundTruth());
        var registry = silo.Services.GetRequiredService<EnvironmentRegistry>();
        Assert.Equal(["number-guess"], registry.Names);
        Assert.Throws<ArgumentException>(() => { registry.Create("missing"); });
    }

    [Fact]
    public void DuplicateNamesAreRejectedAtRegistration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EnvironmentRegistry(
            [new EnvironmentRegistration("x", _ => new GridworldEnvironment(), "first"), new EnvironmentRegistration("x", _ => new GridworldEnvironment(), "second")],
            Microsoft.Extensions.Options.Options.Create(new EnvironmentPluginOptions()),
            new ServiceCollection().BuildServiceProvider(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EnvironmentRegistry>.Instance));

        Assert.Contains("registered twice (first and second)", error.Message);
    }
}
