namespace AgentRL.Runtime.Membership;

/// <summary>
/// The whole table at one version. Every insert or update bumps the version under compare-and-swap, so two silos that
/// read the same snapshot cannot both change the table on its strength: the second write fails and rereads.
/// </summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipRow> Rows)
{
    public static MembershipSnapshot Empty { get; } = new(0, []);

    public MembershipRow? Find(SiloAddress silo) => Rows.FirstOrDefault(r => r.Entry.Silo == silo);

    public IEnumerable<MembershipEntry> Active => Rows.Select(r => r.Entry).Where(e => e.Status == SiloStatus.Active);
}
