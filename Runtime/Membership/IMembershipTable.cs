namespace AgentRL.Runtime.Membership;

/// <summary>
/// The cluster's membership table: a version row and one row per silo incarnation, shared by every silo of one cluster
/// id. Inserts and updates are compare-and-swap on the table version (and, for updates, the row's ETag); they return
/// false, changing nothing, when someone else wrote first. Heartbeats touch only their own row's alive time.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates the schema and the version row if they are missing; safe to call from every silo at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Adds a row for a silo not yet in the table, if the table is still at <paramref name="expectedVersion"/>.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Replaces a row, if it still has <paramref name="etag"/> and the table is still at <paramref name="expectedVersion"/>.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat; it changes neither the version nor the row's ETag, so it never races a status change.</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Deletes the rows of silos that are dead and were last alive before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> CleanupDefunctAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
