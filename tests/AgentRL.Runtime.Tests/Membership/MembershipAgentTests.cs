using System.Collections.Concurrent;
using AgentRL.Runtime.Membership;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentRL.Runtime.Tests.Membership;

public sealed class MembershipAgentTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly InMemoryMembershipTable _table = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly Network _network = new();
    private readonly MembershipOptions _options = new() { MissedProbesLimit = 3, VotesForDeath = 2, ProbedSilos = 2, VoteExpiration = TimeSpan.FromSeconds(30) };

    private async Task<MembershipAgent> JoinAsync(int port, long generation = 1, params string[] roles)
    {
        var agent = new MembershipAgent(_table, _network, _options, _time, NullLogger<MembershipAgent>.Instance);
        var address = new SiloAddress("127.0.0.1", port, generation);
        _network.Up[address] = true;
        await agent.JoinAsync(new MembershipEntry(address, $"silo-{port}", SiloStatus.Joining, roles, 0, _time.GetUtcNow(), _time.GetUtcNow(), []), None);
        return agent;
    }

    private static async Task RoundAsync(IEnumerable<MembershipAgent> agents)
    {
        foreach (var agent in agents)
        {
            await agent.RefreshAsync(None);
            await agent.ProbeAsync(None);
        }
    }

    [Fact]
    public async Task JoinedSilosAreActiveAndAgreeOnTheCluster()
    {
        var agents = new[] { await JoinAsync(1), await JoinAsync(2, roles: "learner"), await JoinAsync(3) };
        await RoundAsync(agents);

        foreach (var agent in agents)
        {
            Assert.Equal(agents.Select(a => a.Self).Order(), agent.View.Active.Select(e => e.Silo).Order());
            Assert.Equal(2, agent.ProbeTargets().Count);
            Assert.DoesNotContain(agent.Self, agent.ProbeTargets());
        }

        Assert.Equal(agents[1].Self, Assert.Single(agents[0].View.Active, e => e.HasRole("learner")).Silo);
    }

    [Fact]
    public async Task ASiloThatStopsAnsweringIsDeclaredDeadByTwoVotesAndLearnsItWhenItReadsTheTable()
    {
        var agents = new[] { await JoinAsync(1), await JoinAsync(2), await JoinAsync(3) };
        await RoundAsync(agents);
        var (victim, survivors) = (agents[2], agents[..2]);
        var declaredDead = 0;
        victim.DeclaredDead += () => declaredDead++;
        _network.Up[victim.Self] = false;

        // One silo's suspicion is not enough.
        for (var round = 0; round < 3; round++)
        {
            await survivors[0].ProbeAsync(None);
        }

        var suspected = (await _table.ReadAllAsync(None)).Find(victim.Self)!.Entry;
        Assert.Equal(SiloStatus.Active, suspected.Status);
        Assert.Equal([survivors[0].Self], suspected.Suspicions.Select(v => v.Suspecter));

        for (var round = 0; round < 3; round++)
        {
            await survivors[1].ProbeAsync(None);
        }

        var dead = (await _table.ReadAllAsync(None)).Find(victim.Self)!.Entry;
        Assert.Equal(SiloStatus.Dead, dead.Status);
        Assert.Equal(survivors.Select(s => s.Self).Order(), dead.Suspicions.Select(v => v.Suspecter).Order());

        await RoundAsync(survivors);
        Assert.All(survivors, s => Assert.DoesNotContain(victim.Self, s.View.Active.Select(e => e.Silo)));
        Assert.All(survivors, s => Assert.DoesNotContain(victim.Self, s.ProbeTargets()));
        await victim.RefreshAsync(None);
        Assert.True(victim.IsDead);
        Assert.Equal(1, declaredDead);
    }

    [Fact]
    public async Task VotesExpireAndAnAnsweredProbeResetsTheCount()
    {
        var agents = new[] { await JoinAsync(1), await JoinAsync(2), await JoinAsync(3) };
        await RoundAsync(agents);
        var victim = agents[2].Self;
        _network.Up[victim] = false;
        for (var round = 0; round < 3; round++)
        {
            await agents[0].ProbeAsync(None);
        }

        // The first vote is too old to count when the second silo votes.
        _time.Advance(TimeSpan.FromSeconds(31));
        await agents[1].VoteDeadAsync(victim, None);
        var entry = (await _table.ReadAllAsync(None)).Find(victim)!.Entry;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal([agents[1].Self], entry.Suspicions.Select(v => v.Suspecter));

        // An answer resets the count; then two misses, an answer, two misses: never three in a row, so no vote.
        var before = (await _table.ReadAllAsync(None)).Version;
        foreach (var up in new[] { true, false, false, true, false, false })
        {
            _network.Up[victim] = up;
            await agents[0].ProbeAsync(None);
        }

        Assert.Equal(before, (await _table.ReadAllAsync(None)).Version);
    }

    [Fact]
    public async Task InATwoSiloClusterTheOtherSilosVoteIsEnough()
    {
        var agents = new[] { await JoinAsync(1), await JoinAsync(2) };
        await RoundAsync(agents);
        _network.Up[agents[1].Self] = false;
        for (var round = 0; round < 3; round++)
        {
            await agents[0].ProbeAsync(None);
        }

        Assert.Equal(SiloStatus.Dead, (await _table.ReadAllAsync(None)).Find(agents[1].Self)!.Entry.Status);
    }

    [Fact]
    public async Task ARestartedSiloRetiresItsEarlierIncarnationAndRejoinsAsANewOne()
    {
        var first = await JoinAsync(1, generation: 10);
        var other = await JoinAsync(2);
        var restarted = await JoinAsync(1, generation: 20);
        await other.RefreshAsync(None);

        Assert.Equal(SiloStatus.Dead, other.View.Find(first.Self)!.Entry.Status);
        Assert.Equal(SiloStatus.Active, other.View.Find(restarted.Self)!.Entry.Status);
        Assert.Equal(new[] { other.Self, restarted.Self }.Order(), other.View.Active.Select(e => e.Silo).Order());
        await first.RefreshAsync(None);
        Assert.True(first.IsDead);
    }

    [Fact]
    public async Task AGracefulLeaveEndsDeadAndOldDeadRowsAreCleanedUp()
    {
        var leaving = await JoinAsync(1);
        var staying = await JoinAsync(2);
        await leaving.LeaveAsync(None);
        await staying.RefreshAsync(None);
        Assert.Equal(SiloStatus.Dead, staying.View.Find(leaving.Self)!.Entry.Status);
        Assert.Equal(0, await staying.CleanupAsync(None));

        _time.Advance(_options.DefunctRowAge + TimeSpan.FromMinutes(1));
        await staying.HeartbeatAsync(None);
        Assert.Equal(1, await staying.CleanupAsync(None));
        Assert.Equal([staying.Self], (await _table.ReadAllAsync(None)).Rows.Select(r => r.Entry.Silo));
    }

    [Fact]
    public async Task AProbeThatHangsCountsAsMissedAfterTheTimeout()
    {
        var agents = new[] { await JoinAsync(1), await JoinAsync(2) };
        await RoundAsync(agents);
        _options.ProbeTimeout = TimeSpan.FromMilliseconds(50);
        _network.Hang = agents[1].Self;
        for (var round = 0; round < 3; round++)
        {
            await agents[0].ProbeAsync(None);
        }

        Assert.Equal(SiloStatus.Dead, (await _table.ReadAllAsync(None)).Find(agents[1].Self)!.Entry.Status);
    }

    /// <summary>Which silos answer pings; a hanging one never answers at all.</summary>
    private sealed class Network : ISiloProber
    {
        public ConcurrentDictionary<SiloAddress, bool> Up { get; } = new();

        public SiloAddress? Hang { get; set; }

        public async Task<bool> ProbeAsync(SiloAddress silo, CancellationToken cancellationToken)
        {
            if (silo == Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Up.GetValueOrDefault(silo);
        }
    }
}
