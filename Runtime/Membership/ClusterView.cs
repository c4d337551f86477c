using AgentRL.Runtime.GrainDirectory;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// What one silo knows of its cluster at one membership version: itself, the silos that may take new activations (the
/// active ones) with their roles, which silos are still alive (active or shutting down: their activations still
/// answer), and the directory ring. Immutable; a new view replaces it when the table changes.
/// </summary>
internal sealed class ClusterView
{
    private readonly HashSet<SiloAddress> _alive;
    private readonly Dictionary<SiloAddress, MembershipEntry> _entries;

    public ClusterView(SiloAddress self, MembershipSnapshot snapshot)
    {
        Self = self;
        Version = snapshot.Version;
        _entries = snapshot.Rows.Select(r => r.Entry).ToDictionary(e => e.Silo);
        Active = [.. snapshot.Active.Select(e => e.Silo).Order()];
        _alive = [.. snapshot.Rows.Select(r => r.Entry).Where(e => e.Status is SiloStatus.Active or SiloStatus.ShuttingDown).Select(e => e.Silo)];
        Ring = new DirectoryRing(Active);
    }

    public SiloAddress Self { get; }

    public long Version { get; }

    /// <summary>Silos that take new activations and own directory entries, in address order.</summary>
    public IReadOnlyList<SiloAddress> Active { get; }

    public DirectoryRing Ring { get; }

    public bool IsActive(SiloAddress silo) => _entries.TryGetValue(silo, out var entry) && entry.Status == SiloStatus.Active;

    /// <summary>Whether calls to <paramref name="silo"/>'s activations can still be answered (active or shutting down).</summary>
    public bool IsAlive(SiloAddress silo) => _alive.Contains(silo);

    public IEnumerable<SiloAddress> ActiveWithRole(string role) => Active.Where(s => _entries[s].HasRole(role));
}
