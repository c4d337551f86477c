using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Tests.Membership;

/// <summary>Cluster views built by hand: silos with a status and roles (names and gateway ports from their ports).</summary>
internal static class TestViews
{
    public static readonly SiloAddress A = new("127.0.0.1", 1, 11);
    public static readonly SiloAddress B = new("127.0.0.1", 2, 22);
    public static readonly SiloAddress C = new("127.0.0.1", 3, 33);

    public static ClusterView Of(SiloAddress self, params (SiloAddress Silo, SiloStatus Status, string[] Roles)[] silos) =>
        new(self, new MembershipSnapshot(3, [.. silos.Select(s => new MembershipRow(
            new MembershipEntry(s.Silo, $"silo{s.Silo.Port}", s.Status, s.Roles, s.Silo.Port, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []), "e"))]));
}
