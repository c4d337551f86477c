using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;

namespace AgentRL.Grains.Exploration;

/// <summary>
/// A thin shell around <see cref="GoExploreArchive"/>: identity, persistence and one-at-a-time access. Offers change
/// only memory until <see cref="Save"/> (or deactivation) writes them, so an episode's offer costs no storage write; a
/// crash loses at most the offers since the last save, which only makes the archive know a little less.
/// </summary>
public sealed class ArchiveGrain([PersistentState("archive")] IPersistentState<ArchiveGrainState> state) : Grain, IArchiveGrain
{
    private GoExploreArchive? _archive;
    private bool _dirty;

    private GoExploreArchive Archive => _archive ??= new GoExploreArchive(new ArchiveOptions { Capacity = state.State.Capacity }, state.State.Archive);

    public Task Configure(int capacity)
    {
        if (capacity != state.State.Capacity)
        {
            // Built first: a capacity the archive refuses leaves everything as it was.
            var resized = new GoExploreArchive(new ArchiveOptions { Capacity = capacity }, Archive.ToState());
            (_archive, state.State.Capacity, _dirty) = (resized, capacity, true);
        }

        return Task.CompletedTask;
    }

    public Task<OfferOutcome> Offer(IReadOnlyList<CellVisit> visits, string? startedFrom)
    {
        var outcome = Archive.Offer(visits, startedFrom);
        _dirty = true;
        return Task.FromResult(outcome);
    }

    public Task<IReadOnlyList<ArchiveCell>> Select(int iteration, int count, ulong seed)
    {
        if (state.State.SelectedIteration != iteration)
        {
            state.State.Selected = Archive.Count == 0 ? [] : [.. Archive.Select(count, new DeterministicRandom(seed))];
            state.State.SelectedIteration = iteration;
            _dirty = true;
        }

        return Task.FromResult<IReadOnlyList<ArchiveCell>>(state.State.Selected);
    }

    public async Task<ArchiveSummary> Save()
    {
        if (_dirty)
        {
            state.State.Archive = Archive.ToState();
            await state.WriteStateAsync();
            _dirty = false;
        }

        return Describe();
    }

    public Task<ArchiveSummary> Summary() => Task.FromResult(Describe());

    public Task<IReadOnlyList<ArchiveCell>> Cells() => Task.FromResult(Archive.Cells);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await Save();

    private ArchiveSummary Describe() =>
        new(Archive.Count, Archive.Discovered, Archive.DeepestLength, Archive.Best?.Score ?? 0);
}
