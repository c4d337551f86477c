using System.Globalization;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// A membership table in this process's memory, for silos of a TestCluster that share one instance. It keeps the same
/// compare-and-swap rules as the database tables, so the membership protocol is tested against the same contract.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SiloAddress, (MembershipEntry Entry, long Version)> _rows = [];
    private long _version;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var rows = _rows.Values.OrderBy(r => r.Entry.Silo)
                .Select(r => new MembershipRow(r.Entry, r.Version.ToString(CultureInfo.InvariantCulture))).ToList();
            return Task.FromResult(new MembershipSnapshot(_version, rows));
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_version != expectedVersion || _rows.ContainsKey(entry.Silo))
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = (entry, 1);
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_version != expectedVersion || !_rows.TryGetValue(entry.Silo, out var row) || row.Version.ToString(CultureInfo.InvariantCulture) != etag)
            {
                return Task.FromResult(false);
            }

            // A row written from an older read must not move the silo's own heartbeat back.
            var alive = entry.IAmAliveTime > row.Entry.IAmAliveTime ? entry.IAmAliveTime : row.Entry.IAmAliveTime;
            _rows[entry.Silo] = (entry with { IAmAliveTime = alive }, row.Version + 1);
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(silo, out var row) && time > row.Entry.IAmAliveTime)
            {
                _rows[silo] = (row.Entry with { IAmAliveTime = time }, row.Version);
            }

            return Task.CompletedTask;
        }
    }

    public Task<int> CleanupDefunctAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var defunct = _rows.Values.Where(r => r.Entry.Status == SiloStatus.Dead && r.Entry.IAmAliveTime < olderThan).Select(r => r.Entry.Silo).ToList();
            defunct.ForEach(silo => _rows.Remove(silo));
            return Task.FromResult(defunct.Count);
        }
    }
}
