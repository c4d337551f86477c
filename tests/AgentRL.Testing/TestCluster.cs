using AgentRL.Runtime;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Testing;

/// <summary>
/// Silos in this process forming one cluster over loopback TCP (Orleans' TestCluster): they share an in-memory
/// membership table with fast timings and one memory grain storage (so a grain reactivated on another silo finds its
/// state). Any silo can be stopped gracefully or killed, and new ones started.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly Dictionary<TestSilo, string> _names = [];
    private readonly Action<ISiloBuilder>? _configure;
    private readonly IDictionary<string, string?> _settings;
    private int _started;

    private TestCluster(Action<ISiloBuilder>? configure, IDictionary<string, string?>? settings)
    {
        _configure = configure;
        _settings = new Dictionary<string, string?>(FastMembership);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>
    /// Probe every 100 ms and give up on a silo after 3 misses: a killed silo (its port refuses at once) is declared dead
    /// within about a second, while a live silo slowed by a loaded machine has 1 s to answer each probe.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> FastMembership { get; } = new Dictionary<string, string?>
    {
        ["AgentRL:Membership:ProbeInterval"] = "00:00:00.100",
        ["AgentRL:Membership:ProbeTimeout"] = "00:00:01",
        ["AgentRL:Membership:MissedProbesLimit"] = "3",
        ["AgentRL:Membership:TableRefreshInterval"] = "00:00:00.100",
        ["AgentRL:Membership:IAmAliveInterval"] = "00:00:00.200",
    };

    public InMemoryMembershipTable Membership { get; } = new();

    public MemoryGrainStorage Storage { get; } = new();

    /// <summary>The silos still running, in start order.</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    public static async Task<TestCluster> StartAsync(int silos, Action<ISiloBuilder>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var cluster = new TestCluster(configure, settings);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }

        await cluster.WaitForAgreementAsync();
        return cluster;
    }

    /// <summary>Starts one more silo (named silo-N) with <paramref name="roles"/>.</summary>
    public Task<TestSilo> StartSiloAsync(params string[] roles) => StartSiloAsync(roles, null);

    /// <summary>Starts one more silo with <paramref name="roles"/> and settings of its own on top of the cluster's.</summary>
    public async Task<TestSilo> StartSiloAsync(string[] roles, IDictionary<string, string?>? extraSettings)
    {
        var name = $"silo-{_started++}";
        var settings = new Dictionary<string, string?>(_settings) { ["AgentRL:Silo:SiloName"] = name };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"AgentRL:Silo:Roles:{i}"] = roles[i];
        }

        var silo = await TestSilo.StartAsync(settings: settings, storage: false, configure: s =>
        {
            s.UseInMemoryClustering(Membership);
            s.AddGrainStorage(PersistentStateAttribute.DefaultStorage, _ => Storage);
            _configure?.Invoke(s);
        });
        _silos.Add(silo);
        _names[silo] = name;
        return silo;
    }

    public string NameOf(TestSilo silo) => _names[silo];

    public static SiloAddress AddressOf(TestSilo silo) => silo.Services.GetRequiredService<MembershipAgent>().Self;

    /// <summary>Ends a silo like a crash: nothing deactivates, it does not leave; the others must find out.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.KillAsync();
    }

    /// <summary>A graceful stop: the silo's activations deactivate and hand over, then it leaves.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.StopAsync();
    }

    /// <summary>Waits until every running silo sees exactly the running silos as active.</summary>
    public Task WaitForAgreementAsync(int timeoutMilliseconds = 15_000)
    {
        var expected = _silos.Select(AddressOf).Order().ToList();
        return Eventually.TrueAsync(
            () => _silos.All(s => s.Services.GetRequiredService<MembershipAgent>().View.Active.Select(e => e.Silo).Order().SequenceEqual(expected)),
            $"all {_silos.Count} silos agree on the active silos",
            timeoutMilliseconds);
    }

    /// <summary>A client that knows every running silo's gateway.</summary>
    public Task<TestClient> ConnectClientAsync(Action<MessagingOptions>? messaging = null) =>
        TestClient.ConnectAsync([.. _silos.Select(s => s.Gateway)], messaging);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.ToList())
        {
            await silo.KillAsync();
        }

        _silos.Clear();
    }
}
