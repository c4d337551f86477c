using AgentRL.Client.Diagnostics;
using AgentRL.Grains.Demo;
using AgentRL.Runtime;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Runtime benchmark: grain call throughput and latency inside a silo, from a client over loopback TCP, and from one silo
// of a two-silo cluster to grains on the other (both silos in this process, talking over loopback TCP).
// Usage: dotnet run -c Release --project bench/AgentRL.Runtime.Benchmarks [-- --seconds 5]
var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(2);

var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
siloBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
siloBuilder.UseAgentSilo(silo => silo.AddMemoryGrainStorage().ConfigureGateway(g => g.Port = 0).AddGrainAssembly(typeof(PingGrain).Assembly));
using var silo = siloBuilder.Build();
await silo.StartAsync();
var local = silo.Services.GetRequiredService<IGrainFactory>();
var gateway = silo.Services.GetRequiredService<ISiloStatus>().GatewayEndPoint!;

var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
clientBuilder.UseAgentClient(o => o.Gateways = [$"127.0.0.1:{gateway.Port}"]);
using var client = clientBuilder.Build();
await client.StartAsync();
var remote = client.Services.GetRequiredService<IClusterClient>();

Console.WriteLine($"AgentRL runtime benchmark: {Environment.ProcessorCount} cores, {seconds:0.#} s per case after {warmup.TotalSeconds:0} s warm-up");
Console.WriteLine($"{"case",-44} {"calls/s",14} {"p50 µs",10} {"p99 µs",10}");
await Report("in-silo ping, 1 caller", local, 1, sameGrain: false);
await Report("in-silo ping, 64 callers (own grain each)", local, 64, sameGrain: false);
await Report("in-silo ping, 64 callers (one grain)", local, 64, sameGrain: true);
await Report("client->silo TCP, 1 in flight (sequential)", remote, 1, sameGrain: false);
await Report("client->silo TCP, 64 in flight", remote, 64, sameGrain: false);
await client.StopAsync();
await silo.StopAsync();

// Two silos sharing an in-memory membership table: silo A calls 64 ping grains that were placed on silo B.
var membership = new InMemoryMembershipTable();
var (siloA, siloB) = (await StartClusterSiloAsync(membership), await StartClusterSiloAsync(membership));
var fromA = siloA.Services.GetRequiredService<IGrainFactory>();
var onB = await GrainsOnAsync(siloB, siloA, 64);
await Report("silo->silo TCP, 1 in flight (sequential)", fromA, 1, sameGrain: false, keys: onB);
await Report("silo->silo TCP, 64 in flight", fromA, 64, sameGrain: false, keys: onB);
await siloA.StopAsync();
await siloB.StopAsync();

async Task Report(string name, IGrainFactory grains, int callers, bool sameGrain, IReadOnlyList<long>? keys = null)
{
    var result = await CallRateMeter.MeasureAsync(
        caller => grains.GetGrain<IPingGrain>(sameGrain ? 0 : keys?[caller] ?? caller).Ping(caller), callers, warmup, duration, CancellationToken.None);
    Console.WriteLine($"{name,-44} {result.CallsPerSecond,14:N0} {result.P50Microseconds,10:N1} {result.P99Microseconds,10:N1}");
}

static async Task<IHost> StartClusterSiloAsync(InMemoryMembershipTable membership)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.UseAgentSilo(silo => silo.AddMemoryGrainStorage().ConfigureGateway(g => g.Port = 0).UseInMemoryClustering(membership).AddGrainAssembly(typeof(PingGrain).Assembly));
    var host = builder.Build();
    await host.StartAsync();
    return host;
}

// Keys of ping grains that random placement put on the other silo, found by asking the caller's directory.
static async Task<IReadOnlyList<long>> GrainsOnAsync(IHost host, IHost caller, int count)
{
    var target = host.Services.GetRequiredService<MembershipAgent>().Self;
    await Eventually(() => caller.Services.GetRequiredService<MembershipAgent>().View.Active.Count() == 2);
    var directory = caller.Services.GetRequiredService<GrainCallRouter>().Cluster!.Directory;
    var grains = caller.Services.GetRequiredService<IGrainFactory>();
    var keys = new List<long>();
    for (var key = 0L; keys.Count < count; key++)
    {
        await grains.GetGrain<IPingGrain>(key).Ping(0);
        if (directory.TryGetCached(new GrainId(typeof(PingGrain).FullName!, key.ToString(System.Globalization.CultureInfo.InvariantCulture)), out var silo) && silo == target)
        {
            keys.Add(key);
        }
    }

    return keys;
}

static async Task Eventually(Func<bool> condition)
{
    while (!condition())
    {
        await Task.Delay(20);
    }
}

