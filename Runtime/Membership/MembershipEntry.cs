namespace AgentRL.Runtime.Membership;

/// <summary>
/// One silo's row: who it is, its status, its roles (placement by role), its gateway port for clients (0 when it has
/// none), when it started, its last heartbeat and the suspicion votes against it.
/// </summary>
public sealed record MembershipEntry(
    SiloAddress Silo,
    string SiloName,
    SiloStatus Status,
    IReadOnlyList<string> Roles,
    int GatewayPort,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<SuspicionVote> Suspicions)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    // Records compare lists by reference; rows read back from storage must equal what was written.
    public bool Equals(MembershipEntry? other) =>
        other is not null && Silo == other.Silo && SiloName == other.SiloName && Status == other.Status && GatewayPort == other.GatewayPort &&
        StartTime == other.StartTime && IAmAliveTime == other.IAmAliveTime && Roles.SequenceEqual(other.Roles) && Suspicions.SequenceEqual(other.Suspicions);

    public override int GetHashCode() => HashCode.Combine(Silo, Status, IAmAliveTime);
}
