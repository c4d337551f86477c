using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// One silo's part in the membership protocol, as steps a timer loop (or a test) drives: join (retiring this
/// endpoint's earlier incarnations), heartbeat, reread the table, probe the next few silos on the ring of active silos,
/// vote a silo that missed enough probes dead (dead once enough distinct silos agree), and leave. Every table change is
/// compare-and-swap and retried from a fresh read, so silos acting at once never lose each other's votes.
/// </summary>
public sealed partial class MembershipAgent(
    IMembershipTable table, ISiloProber prober, MembershipOptions options, TimeProvider time, ILogger<MembershipAgent> logger)
{
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private readonly Lock _viewGate = new();
    private MembershipEntry? _self;

    /// <summary>The table as last read.</summary>
    public MembershipSnapshot View { get; private set; } = MembershipSnapshot.Empty;

    /// <summary>Raised after a read that changed the table's version.</summary>
    public event Action<MembershipSnapshot>? ViewChanged;

    /// <summary>Raised once, when this silo reads that the cluster declared it dead: it must stop serving at once.</summary>
    public event Action? DeclaredDead;

    public bool IsDead { get; private set; }

    public SiloAddress Self => _self?.Silo ?? throw new InvalidOperationException("The silo has not joined the cluster.");

    public async Task JoinAsync(MembershipEntry self, CancellationToken cancellationToken)
    {
        MembershipRowText.ValidateRoles(self.Roles);
        await table.InitializeAsync(cancellationToken);
        // An earlier incarnation on this endpoint is gone for good: this process replaced it.
        foreach (var old in (await table.ReadAllAsync(cancellationToken)).Rows.Select(r => r.Entry)
                     .Where(e => e.Silo.SameEndPoint(self.Silo) && e.Silo.Generation < self.Silo.Generation && e.Status != SiloStatus.Dead))
        {
            await ChangeAsync(old.Silo, e => e.Status == SiloStatus.Dead ? null : e with { Status = SiloStatus.Dead }, cancellationToken);
            LogRetired(logger, old.Silo);
        }

        var joining = self with { Status = SiloStatus.Joining, IAmAliveTime = time.GetUtcNow() };
        for (var attempt = 0; !await table.InsertRowAsync(joining, (await table.ReadAllAsync(cancellationToken)).Version, cancellationToken); attempt++)
        {
            if (attempt >= options.WriteAttempts)
            {
                throw new InvalidOperationException($"Silo {self.Silo} could not add itself to the membership table in {options.WriteAttempts} attempts.");
            }
        }

        _self = joining;
        await SetOwnStatusAsync(SiloStatus.Active, cancellationToken);
        await RefreshAsync(cancellationToken);
        LogJoined(logger, self.Silo, View.Active.Count());
    }

    public Task HeartbeatAsync(CancellationToken cancellationToken) => table.UpdateIAmAliveAsync(Self, time.GetUtcNow(), cancellationToken);

    /// <summary>Rereads the table; notices this silo's own death.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await table.ReadAllAsync(cancellationToken);
        // Reads may overlap (the refresh loop, a caller that suspects a silo left): an older answer never replaces a newer.
        var changed = false;
        lock (_viewGate)
        {
            if (snapshot.Version > View.Version)
            {
                View = snapshot;
                changed = true;
            }
        }

        if (changed)
        {
            ViewChanged?.Invoke(snapshot);
        }

        if (!IsDead && _self is not null && snapshot.Find(_self.Silo)?.Entry.Status == SiloStatus.Dead)
        {
            IsDead = true;
            LogDeclaredDead(logger, _self.Silo);
            DeclaredDead?.Invoke();
        }
    }

    /// <summary>The silos this one watches: its next <see cref="MembershipOptions.ProbedSilos"/> successors among the active ones.</summary>
    public IReadOnlyList<SiloAddress> ProbeTargets()
    {
        var ring = View.Active.Select(e => e.Silo).Append(Self).Distinct().Order().ToList();
        var at = ring.IndexOf(Self);
        return Enumerable.Range(1, Math.Min(options.ProbedSilos, ring.Count - 1)).Select(i => ring[(at + i) % ring.Count]).ToList();
    }

    /// <summary>Pings every watched silo once; votes against those that have now missed too many pings in a row.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var targets = ProbeTargets();
        foreach (var gone in _missedProbes.Keys.Except(targets).ToList())
        {
            _missedProbes.Remove(gone);
        }

        var results = await Task.WhenAll(targets.Select(t => PingAsync(t, cancellationToken)));
        for (var i = 0; i < targets.Count; i++)
        {
            var missed = results[i] ? 0 : _missedProbes.GetValueOrDefault(targets[i]) + 1;
            _missedProbes[targets[i]] = missed;
            if (missed >= options.MissedProbesLimit)
            {
                LogSuspect(logger, targets[i], missed);
                await VoteDeadAsync(targets[i], cancellationToken);
            }
        }
    }

    /// <summary>Adds this silo's vote against <paramref name="suspect"/>, declaring it dead when the votes suffice.</summary>
    public async Task VoteDeadAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        var declared = await ChangeAsync(suspect, entry =>
        {
            if (entry.Status == SiloStatus.Dead)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var votes = entry.Suspicions.Where(v => v.Suspecter != Self && now - v.Time < options.VoteExpiration)
                .DistinctBy(v => v.Suspecter).Append(new SuspicionVote(Self, now)).ToList();
            // In a small cluster every other live silo voting is enough.
            var voters = View.Active.Count(e => e.Silo != suspect);
            var needed = Math.Max(1, Math.Min(options.VotesForDeath, voters));
            return entry with { Suspicions = votes, Status = votes.Count >= needed ? SiloStatus.Dead : entry.Status };
        }, cancellationToken);
        if (declared?.Status == SiloStatus.Dead)
        {
            _missedProbes.Remove(suspect);
            LogDeclared(logger, suspect, declared.Suspicions.Count);
        }
    }

    /// <summary>The first half of a graceful exit: shutting down, so peers stop placing new grains here.</summary>
    public Task BeginShutdownAsync(CancellationToken cancellationToken) => SetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);

    /// <summary>Graceful exit: shutting down (peers stop sending new work), then dead.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await SetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
        await SetOwnStatusAsync(SiloStatus.Dead, cancellationToken);
        LogLeft(logger, Self);
    }

    public Task<int> CleanupAsync(CancellationToken cancellationToken) => table.CleanupDefunctAsync(time.GetUtcNow() - options.DefunctRowAge, cancellationToken);

    private async Task SetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        var written = await ChangeAsync(Self, e => e.Status == status || e.Status == SiloStatus.Dead ? null : e with { Status = status }, cancellationToken);
        _self = written ?? _self;
    }

    private async Task<bool> PingAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ProbeTimeout);
        try
        {
            return await prober.ProbeAsync(silo, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(logger, silo, error.Message);
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a row read fresh each attempt (null: nothing to do) and writes it with
    /// compare-and-swap; returns the entry written, or null when there was nothing to write.
    /// </summary>
    private async Task<MembershipEntry?> ChangeAsync(SiloAddress silo, Func<MembershipEntry, MembershipEntry?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.WriteAttempts; attempt++)
        {
            var snapshot = await table.ReadAllAsync(cancellationToken);
            if (snapshot.Find(silo) is not { } row || change(row.Entry) is not { } updated)
            {
                return null;
            }

            if (await table.UpdateRowAsync(updated, row.ETag, snapshot.Version, cancellationToken))
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"The membership row of {silo} kept changing: {options.WriteAttempts} compare-and-swap attempts failed.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} joined the cluster ({Active} active)")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, int active);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Silo}, an earlier incarnation of this endpoint, dead")]
    private static partial void LogRetired(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} missed {Missed} probes in a row")]
    private static partial void LogSuspect(ILogger logger, SiloAddress silo, int missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {Silo} dead ({Votes} votes)")]
    private static partial void LogDeclared(ILogger logger, SiloAddress silo, int votes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The cluster declared this silo ({Silo}) dead")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of {Silo} failed: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, SiloAddress silo, string reason);
}
