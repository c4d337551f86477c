using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.GrainDirectory;

/// <summary>
/// The consistent-hash ring of the active silos that splits the grain directory between them: each silo stands on the
/// ring at <see cref="PointsPerSilo"/> places, and a grain's directory entry lives with the silo at the first point at
/// or after the grain id's hash. When a silo joins or leaves only the entries next to its points move.
/// </summary>
internal sealed class DirectoryRing
{
    public const int PointsPerSilo = 32;

    private readonly ulong[] _points;
    private readonly SiloAddress[] _owners;

    public DirectoryRing(IEnumerable<SiloAddress> silos)
    {
        var points = silos.Distinct()
            .SelectMany(silo => Enumerable.Range(0, PointsPerSilo).Select(i => (Point: StableHash.Of($"{silo}#{i}"), Silo: silo)))
            .OrderBy(p => p.Point).ThenBy(p => p.Silo)
            .ToArray();
        _points = points.Select(p => p.Point).ToArray();
        _owners = points.Select(p => p.Silo).ToArray();
    }

    public bool IsEmpty => _points.Length == 0;

    /// <summary>The silo that keeps the directory entry of <paramref name="grainId"/>.</summary>
    public SiloAddress Owner(GrainId grainId)
    {
        if (_points.Length == 0)
        {
            throw new SiloUnavailableException($"No active silo owns the directory entry of {grainId}: the cluster has no active silo.");
        }

        var at = Array.BinarySearch(_points, StableHash.Of(grainId));
        if (at < 0)
        {
            at = ~at;
        }

        return _owners[at == _points.Length ? 0 : at];
    }
}
