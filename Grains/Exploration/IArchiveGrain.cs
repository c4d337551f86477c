using AgentRL.Learning.Exploration;

namespace AgentRL.Grains.Exploration;

/// <summary>
/// The Go-Explore archive of one run on one environment (key "run/environment", see <see cref="ArchiveKey"/>): episodes
/// offer the cells they reach, the run selects cells to return to. Offers are kept in memory and written by
/// <see cref="Save"/>, which the run calls once per iteration before recording it.
/// </summary>
public interface IArchiveGrain : IGrainWithStringKey
{
    /// <summary>Sets the archive's capacity (kept with it); lowering it evicts at the next offer.</summary>
    Task Configure(int capacity);

    Task<OfferOutcome> Offer(IReadOnlyList<CellVisit> visits, string? startedFrom);

    /// <summary>
    /// Chooses <paramref name="count"/> cells for <paramref name="iteration"/> (none while the archive is empty). Asked
    /// again for the same iteration it answers with the same cells, so a run resumed mid-iteration asks its episodes for
    /// the same starts.
    /// </summary>
    Task<IReadOnlyList<ArchiveCell>> Select(int iteration, int count, ulong seed);

    /// <summary>Writes the archive to storage and describes it.</summary>
    Task<ArchiveSummary> Save();

    Task<ArchiveSummary> Summary();

    /// <summary>The cells in order of discovery (for tools and tests).</summary>
    Task<IReadOnlyList<ArchiveCell>> Cells();
}
