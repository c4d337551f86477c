using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Tests.Membership;

/// <summary>Silos in this process sharing a membership table (SQLite or PostgreSQL), probing each other over their gateways.</summary>
public sealed class ClusterMembershipTests(PostgresServerFixture postgres) : IAsyncLifetime, IClassFixture<PostgresServerFixture>
{
    private readonly string _clusterId = Guid.NewGuid().ToString("N");
    private readonly TempDirectory _folder = new();
    private readonly List<TestSilo> _silos = [];

    private static readonly Dictionary<string, string?> FastTimings = new()
    {
        ["AgentRL:Membership:ProbeInterval"] = "00:00:00.100",
        ["AgentRL:Membership:ProbeTimeout"] = "00:00:01",
        ["AgentRL:Membership:MissedProbesLimit"] = "3",
        ["AgentRL:Membership:TableRefreshInterval"] = "00:00:00.100",
        ["AgentRL:Membership:IAmAliveInterval"] = "00:00:00.200",
    };

    private void UseTable(ISiloBuilder silo, bool postgresTable)
    {
        if (postgresTable)
        {
            silo.UsePostgresClustering(o => (o.ConnectionString, o.ClusterId) = (postgres.Server.ConnectionString, _clusterId));
        }
        else
        {
            silo.UseSqliteClustering(o => (o.DatabasePath, o.ClusterId) = (_folder.File("membership.db"), _clusterId));
        }
    }

    private async Task<TestSilo> StartAsync(string name, bool postgresTable, params string[] roles)
    {
        var settings = new Dictionary<string, string?>(FastTimings) { ["AgentRL:Silo:SiloName"] = name };
        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"AgentRL:Silo:Roles:{i}"] = roles[i];
        }

        var silo = await TestSilo.StartAsync(settings: settings, configure: s => UseTable(s, postgresTable));
        _silos.Add(silo);
        return silo;
    }

    private static MembershipAgent Agent(TestSilo silo) => silo.Services.GetRequiredService<MembershipAgent>();

    private static IReadOnlyList<string> ActiveNames(TestSilo silo) => Agent(silo).View.Active.Select(e => e.SiloName).Order().ToList();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.KillAsync();
        }

        _folder.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SilosAgreeOnJoinsAndOnAKilledSiloAndAGracefulLeave(bool postgresTable)
    {
        var (a, b, c) = (await StartAsync("a", postgresTable), await StartAsync("b", postgresTable, "learner"), await StartAsync("c", postgresTable));
        await Eventually.TrueAsync(() => new[] { a, b, c }.All(s => ActiveNames(s).SequenceEqual(["a", "b", "c"])), "every silo sees three active silos");
        Assert.Equal(["learner"], Agent(a).View.Find(Agent(b).Self)!.Entry.Roles);
        Assert.Equal(b.GatewayEndPoint.Port, Agent(b).Self.Port);
        var (addressOfB, addressOfC) = (Agent(b).Self, Agent(c).Self);

        await c.KillAsync();
        // Within the configured time: 3 missed probes (each at most an interval plus a timeout), the votes, and a reread
        // by every survivor; 2 s on top for a loaded machine.
        var detection = (3 * (0.1 + 1.0) + 2 * 0.1 + 2) * 1000;
        await Eventually.TrueAsync(() => new[] { a, b }.All(s => ActiveNames(s).SequenceEqual(["a", "b"])), "the survivors drop the killed silo", (int)detection);
        var dead = Agent(a).View.Find(addressOfC)!.Entry;
        Assert.Equal(SiloStatus.Dead, dead.Status);
        Assert.NotEmpty(dead.Suspicions);

        await b.StopAsync();
        // A graceful stop shows first as shutting down (no new grains go there while its activations hand off), then dead.
        await Eventually.TrueAsync(() => Agent(a).View.Find(addressOfB)?.Entry.Status == SiloStatus.Dead, "the last silo sees the other leave");
        Assert.Equal(["a"], ActiveNames(a));
        var left = Agent(a).View.Find(addressOfB)!.Entry;
        Assert.Equal(SiloStatus.Dead, left.Status);
        Assert.Empty(left.Suspicions); // it left: nobody had to vote
    }

    [Fact]
    public async Task ASiloRestartedOnItsPortRejoinsAsANewIncarnation()
    {
        var a = await StartAsync("a", postgresTable: false);
        var b = await StartAsync("b", postgresTable: false);
        var old = Agent(b).Self;
        await b.KillAsync();
        var settings = new Dictionary<string, string?>(FastTimings) { ["AgentRL:Silo:SiloName"] = "b2" };
        var restarted = await TestSilo.StartAsync(settings: settings, configure: s =>
        {
            s.ConfigureGateway(g => g.Port = old.Port);
            UseTable(s, postgresTable: false);
        });
        _silos.Add(restarted);

        Assert.True(Agent(restarted).Self.Generation > old.Generation);
        await Eventually.TrueAsync(() => ActiveNames(a).SequenceEqual(["a", "b2"]), "the first silo sees the new incarnation only");
        Assert.Equal(SiloStatus.Dead, Agent(a).View.Find(old)!.Entry.Status);
    }

    [Theory]
    [InlineData("AgentRL:Membership:ProbedSilos", "0", "AgentRL:Membership:ProbedSilos must be at least 1")]
    [InlineData("AgentRL:Membership:AdvertisedAddress", "silo-1", "AgentRL:Membership:AdvertisedAddress 'silo-1' is not an IP address")]
    [InlineData("AgentRL:Silo:Roles:0", "gpu,fast", "AgentRL:Silo:Roles must be letters, digits")]
    public async Task BadClusteringSettingsStopTheSiloAtStartWithTheSettingsName(string setting, string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(
            settings: new Dictionary<string, string?> { [setting] = value },
            configure: s => s.UseSqliteClustering(o => o.DatabasePath = _folder.File("bad.db"))));
        Assert.Contains(message, error.Message);
    }
}
