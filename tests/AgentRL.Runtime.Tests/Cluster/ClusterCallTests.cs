using System.Diagnostics;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Placement;
using AgentRL.Runtime.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Tests.Cluster;

/// <summary>Calls across an in-process cluster of silos over loopback TCP: directory, placement and silo-to-silo messaging.</summary>
public sealed class ClusterCallTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ConcurrentFirstCallsFromEverySiloMeetOneActivation()
    {
        var keys = Enumerable.Range(0, 24).Select(_ => NewKey()).ToList();
        var calls = keys.SelectMany(key => _cluster.Silos.SelectMany(silo => Enumerable.Range(0, 4)
            .Select(async _ => (Key: key, Silo: await silo.Grains.GetGrain<ISiloProbeGrain>(key).Silo())))).ToList();
        var answers = await Task.WhenAll(calls);

        foreach (var byKey in answers.GroupBy(a => a.Key))
        {
            Assert.Single(byKey.Select(a => a.Silo).Distinct());
            Assert.Equal(1, SiloProbeGrain.Activations.ActivationCount(byKey.Key));
        }

        // Random placement spread the 24 grains over more than one silo.
        Assert.True(answers.Select(a => a.Silo).Distinct().Count() > 1);
    }

    [Fact]
    public async Task StatePersistsAcrossCallsFromDifferentSilos()
    {
        var key = NewKey();
        var totals = new List<int>();
        foreach (var silo in _cluster.Silos)
        {
            totals.Add(await silo.Grains.GetGrain<ISiloProbeGrain>(key).Add(10));
        }

        Assert.Equal([10, 20, 30], totals);
    }

    [Fact]
    public async Task PreferLocalPlacementActivatesBesideTheFirstCaller()
    {
        foreach (var silo in _cluster.Silos)
        {
            var key = NewKey();
            Assert.Equal(_cluster.NameOf(silo), await silo.Grains.GetGrain<IPreferLocalProbeGrain>(key).Silo());
            // Later callers elsewhere reach that activation.
            Assert.Equal(_cluster.NameOf(silo), await _cluster.Silos[0].Grains.GetGrain<IPreferLocalProbeGrain>(key).Silo());
        }
    }

    [Fact]
    public async Task HashPlacementPicksTheSameSiloWhoeverCallsFirst()
    {
        var keys = Enumerable.Range(0, 12).Select(_ => NewKey()).ToList();
        var first = new List<string>();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            first.Add(await _cluster.Silos[i % 3].Grains.GetGrain<IHashBasedProbeGrain>(key).Silo());
        }

        // Recomputing each placement from the same view gives the silo the first call chose.
        var view = _cluster.Silos[0].Services.GetRequiredService<GrainCallRouter>().Cluster!.Directory.View!;
        var grainType = typeof(HashBasedProbeGrain).FullName!;
        var names = _cluster.Silos.ToDictionary(TestCluster.AddressOf, _cluster.NameOf);
        Assert.Equal(first, keys.Select(k => names[PlacementDirector.Place(new GrainId(grainType, k), PlacementStrategy.HashBased, view)]));
    }

    [Fact]
    public async Task RolePlacementPutsTheGrainOnASiloWithTheRoleOrFailsClearly()
    {
        var key = NewKey();
        var error = await Assert.ThrowsAsync<NoSiloForRoleException>(() => _cluster.Silos[0].Grains.GetGrain<ILearnerRoleProbeGrain>(key).Silo());
        Assert.Contains("learner", error.Message);

        // A grain that only prefers a role goes anywhere meanwhile.
        Assert.StartsWith("silo-", await _cluster.Silos[0].Grains.GetGrain<IPreferredRoleProbeGrain>(key).Silo());

        var learner = await _cluster.StartSiloAsync("learner");
        await _cluster.WaitForAgreementAsync();
        foreach (var silo in _cluster.Silos)
        {
            Assert.Equal(_cluster.NameOf(learner), await silo.Grains.GetGrain<ILearnerRoleProbeGrain>(NewKey()).Silo());
        }
    }

    [Fact]
    public async Task ACallToAKilledSiloFailsFastAndTheRetryReactivatesTheGrainWithItsState()
    {
        var caller = _cluster.Silos[0];
        var (key, victimName) = await FindGrainAwayFromAsync(caller);
        var grain = caller.Grains.GetGrain<ISiloProbeGrain>(key);
        Assert.Equal(5, await grain.Add(5));
        var victim = _cluster.Silos.Single(s => _cluster.NameOf(s) == victimName);

        var inFlight = grain.SlowSilo(20_000);
        await Task.Delay(200);
        var clock = Stopwatch.StartNew();
        await _cluster.KillSiloAsync(victim);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => inFlight);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Add(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the calls failed after {clock.Elapsed}, not at once");

        // Once the cluster has declared the silo dead the grain comes back elsewhere, from its persisted state.
        await _cluster.WaitForAgreementAsync();
        Assert.Equal(6, await grain.Add(1));
        Assert.NotEqual(victimName, await grain.Silo());
    }

    [Fact]
    public async Task AGracefulStopHandsGrainsToTheOtherSilos()
    {
        var caller = _cluster.Silos[0];
        var (key, name) = await FindGrainAwayFromAsync(caller);
        var grain = caller.Grains.GetGrain<ISiloProbeGrain>(key);
        Assert.Equal(7, await grain.Add(7));

        await _cluster.StopSiloAsync(_cluster.Silos.Single(s => _cluster.NameOf(s) == name));

        Assert.Equal(8, await grain.Add(1));
        Assert.NotEqual(name, await grain.Silo());
        Assert.Contains(DeactivationReason.SiloShutdown, SiloProbeGrain.Activations.DeactivationsOf(key));
    }

    [Fact]
    public async Task AClientFailsOverToAnotherGatewayWhenItsSiloDies()
    {
        await using var client = await _cluster.ConnectClientAsync();
        var key = NewKey();
        var grain = client.Client.GetGrain<ISiloProbeGrain>(key);
        Assert.Equal(1, await grain.Add(1));

        // The client connected to the first gateway; that silo dies.
        await _cluster.KillSiloAsync(_cluster.Silos[0]);
        await _cluster.WaitForAgreementAsync();
        var total = await RetryAsync(() => grain.Add(1), attempts: 3);
        Assert.Equal(2, total);
    }

    [Fact]
    public async Task AClientSeesTheClusterThroughItsGateway()
    {
        await using var client = await _cluster.ConnectClientAsync();
        var silos = await client.Client.GetGrain<IClusterInfoGrain>("test").Silos();
        Assert.Equal(["silo-0", "silo-1", "silo-2"], silos.Select(s => s.Name).Order());
        Assert.All(silos, s => Assert.Equal(SiloStatus.Active, s.Status));
        Assert.Equal(_cluster.Silos.Select(s => s.Gateway).Order(), silos.Select(s => s.Gateway).Order());

        var victim = _cluster.Silos[2];
        var address = TestCluster.AddressOf(victim).ToString();
        await _cluster.KillSiloAsync(victim);
        await _cluster.WaitForAgreementAsync();
        var after = await client.Client.GetGrain<IClusterInfoGrain>("test").Silos();
        Assert.Equal(SiloStatus.Dead, after.Single(s => s.Address == address).Status);
        Assert.Equal(2, after.Count(s => s.Status == SiloStatus.Active));
    }

    [Fact]
    public async Task AnOversizedRequestBetweenSilosFailsAloneAndTheConnectionCarriesOn()
    {
        // A silo that accepts at most 64 KiB: its peers (with the default limit) may send more than it takes.
        var small = await _cluster.StartSiloAsync([], new Dictionary<string, string?> { ["AgentRL:Messaging:MaxMessageSize"] = "65536" });
        await _cluster.WaitForAgreementAsync();
        var caller = _cluster.Silos[0];
        var key = await FindGrainOnAsync(caller, small);
        var grain = caller.Grains.GetGrain<ISiloProbeGrain>(key);
        var connections = caller.Services.GetRequiredService<GrainCallRouter>().Cluster!.Connections;
        var before = connections.TryGetOpen(TestCluster.AddressOf(small));
        Assert.NotNull(before);

        var slow = grain.SlowSilo(300);
        await Assert.ThrowsAsync<MessageTooLargeException>(() => grain.Measure(new byte[200_000]));
        Assert.Equal(_cluster.NameOf(small), await slow);
        Assert.Equal(1000, await grain.Measure(new byte[1000]));
        Assert.Same(before, connections.TryGetOpen(TestCluster.AddressOf(small)));
    }

    [Fact]
    public async Task EveryCallInFlightWhenASiloDiesEndsPromptly()
    {
        // Episode-shaped chains of calls on every silo; one silo dies in the middle. Each chain must end (done, or failed
        // with the silo's loss) well before any timeout: nothing may wait on a silo that is gone.
        var caller = _cluster.Silos[0];
        var chains = Enumerable.Range(0, 48).Select(i => caller.Grains.GetGrain<IChattyEpisodeGrain>($"{NewKey()}-{i}").Run(60, 10)).ToList();
        await Task.Delay(150);
        await _cluster.KillSiloAsync(_cluster.Silos[2]);
        var ended = Task.WhenAll(chains.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Same(ended, await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.All(chains.Where(c => c.IsFaulted), c => Assert.IsType<SiloUnavailableException>(c.Exception!.InnerException));
        Assert.Contains(chains, c => c.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task BackpressureHoldsAFloodInItsCallersWithoutDroppingAnyCall()
    {
        var caller = await _cluster.StartSiloAsync([], new Dictionary<string, string?> { ["AgentRL:Messaging:MaxInFlightPerConnection"] = "8" });
        await _cluster.WaitForAgreementAsync();
        var host = _cluster.Silos[0];
        var keys = new List<string>();
        while (keys.Count < 16)
        {
            keys.Add(await FindGrainOnAsync(caller, host));
        }

        var connection = caller.Services.GetRequiredService<GrainCallRouter>().Cluster!.Connections.TryGetOpen(TestCluster.AddressOf(host))!;
        var flood = Enumerable.Range(0, 400).Select(i => caller.Grains.GetGrain<ISiloProbeGrain>(keys[i % keys.Count]).SlowSilo(10)).ToList();
        var (mostInFlight, mostWaiting) = (0, 0);
        var all = Task.WhenAll(flood);
        while (!all.IsCompleted)
        {
            mostInFlight = Math.Max(mostInFlight, connection.PendingCount);
            mostWaiting = Math.Max(mostWaiting, connection.WaitingForSlot);
            await Task.Delay(1);
        }

        Assert.All(await all, silo => Assert.Equal(_cluster.NameOf(host), silo));
        Assert.InRange(mostInFlight, 1, 8);
        Assert.True(mostWaiting > 100, $"at most {mostWaiting} callers waited for a slot");
        Assert.Equal(0, connection.PendingCount);
    }

    private async Task<(string Key, string Silo)> FindGrainAwayFromAsync(TestSilo caller)
    {
        while (true)
        {
            var key = NewKey();
            var silo = await caller.Grains.GetGrain<ISiloProbeGrain>(key).Silo();
            if (silo != _cluster.NameOf(caller))
            {
                return (key, silo);
            }
        }
    }

    private async Task<string> FindGrainOnAsync(TestSilo caller, TestSilo host)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var key = NewKey();
            if (await caller.Grains.GetGrain<ISiloProbeGrain>(key).Silo() == _cluster.NameOf(host))
            {
                return key;
            }
        }

        throw new InvalidOperationException($"No grain landed on {_cluster.NameOf(host)} in 200 tries.");
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (SiloUnavailableException) when (attempt < attempts)
            {
            }
        }
    }
}
