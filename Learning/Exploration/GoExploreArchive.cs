using AgentRL.Environments.Generation;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// The Go-Explore archive: the best known way into every cell episodes have reached, and a weighted choice of cells to
/// return to and explore from. A visit to a new cell adds it; a visit with a higher return, or the same return in fewer
/// steps, replaces the cell's path and snapshot; every visit counts as a sighting. Plain logic, not thread-safe: the
/// archive grain owns one and serialises access.
/// </summary>
/// <remarks>
/// Past <see cref="ArchiveOptions.Capacity"/> the cell with the smallest selection weight is evicted (the one most seen
/// and most chosen without leading anywhere new: exploration has least to gain from it), ties going to the lower return
/// and then to the earlier discovery. The best cell (highest return, then shortest) is never evicted.
/// </remarks>
public sealed class GoExploreArchive
{
    private readonly Dictionary<string, ArchiveCell> _cells = new(StringComparer.Ordinal);
    private long _discovered;

    public GoExploreArchive(ArchiveOptions? options = null, ArchiveState? state = null)
    {
        Options = options ?? new ArchiveOptions();
        Options.Validate();
        if (state is not null)
        {
            foreach (var cell in state.Cells)
            {
                _cells[cell.Key] = cell;
            }

            _discovered = Math.Max(state.Discovered, state.Cells.Count == 0 ? 0 : state.Cells.Max(c => c.Discovered) + 1);
        }
    }

    public ArchiveOptions Options { get; }

    public int Count => _cells.Count;

    /// <summary>Cells discovered since the archive began, evicted ones included.</summary>
    public long Discovered => _discovered;

    /// <summary>The cells in the order they were discovered.</summary>
    public IReadOnlyList<ArchiveCell> Cells => _cells.Values.OrderBy(c => c.Discovered).ToList();

    /// <summary>The cell reached with the highest return (then in the fewest steps, then first); null when empty.</summary>
    public ArchiveCell? Best => _cells.Values.OrderByDescending(c => c.Score).ThenBy(c => c.Length).ThenBy(c => c.Discovered).FirstOrDefault();

    /// <summary>The most steps any cell's best path takes (0 when empty).</summary>
    public int DeepestLength => _cells.Count == 0 ? 0 : _cells.Values.Max(c => c.Length);

    public ArchiveCell? Find(int taskId, string cellKey) => _cells.GetValueOrDefault(ArchiveCell.KeyOf(taskId, cellKey));

    public ArchiveState ToState() => new() { Cells = Cells, Discovered = _discovered };

    /// <summary>Σ_attr w_attr / √(n_attr + 1) over the cell's seen, chosen and chosen-since-new counters.</summary>
    public double Weight(ArchiveCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return Options.SeenWeight / Math.Sqrt(cell.TimesSeen + 1)
            + Options.ChosenWeight / Math.Sqrt(cell.TimesChosen + 1)
            + Options.ChosenSinceNewWeight / Math.Sqrt(cell.TimesChosenSinceNew + 1);
    }

    /// <summary>Each cell's probability of being chosen, in the order of <see cref="Cells"/>.</summary>
    public IReadOnlyList<double> Probabilities()
    {
        var weights = Cells.Select(Weight).ToList();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToList();
    }

    /// <summary>
    /// Takes one episode's visits. <paramref name="startedFrom"/> is the key of the cell the episode was started from, if
    /// any: when the episode found a new cell, that cell's chosen-since-new counter starts again from zero.
    /// </summary>
    public OfferOutcome Offer(IEnumerable<CellVisit> visits, string? startedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(visits);
        var all = visits.ToList();
        // All or nothing: a malformed visit leaves the archive as it was.
        if (all.Any(v => v is null || v.Snapshot is null || string.IsNullOrEmpty(v.CellKey) || v.Observation is null || !double.IsFinite(v.Score) || v.Length < 0))
        {
            throw new ArgumentException("Every cell visit needs a cell key, a snapshot, an observation, a finite score and a non-negative length.", nameof(visits));
        }

        var (added, improved) = (0, 0);
        foreach (var visit in all)
        {
            var key = visit.ArchiveKey;
            if (_cells.TryGetValue(key, out var cell))
            {
                var better = cell.IsImprovedBy(visit);
                improved += better ? 1 : 0;
                _cells[key] = (better ? cell with { Seed = visit.Seed, Score = visit.Score, Length = visit.Length, Snapshot = visit.Snapshot, Observation = visit.Observation } : cell)
                    with { TimesSeen = cell.TimesSeen + 1 };
            }
            else
            {
                added++;
                _cells[key] = ArchiveCell.Of(visit, _discovered++);
            }
        }

        if (added > 0 && startedFrom is not null && _cells.TryGetValue(startedFrom, out var origin))
        {
            _cells[startedFrom] = origin with { TimesChosenSinceNew = 0 };
        }

        return new OfferOutcome(added, improved, EvictOverflow());
    }

    /// <summary>
    /// Chooses <paramref name="count"/> cells (with replacement) with probability proportional to <see cref="Weight"/>,
    /// all drawn from the weights as they stood at the call, then counts each choice on its cell.
    /// </summary>
    public IReadOnlyList<ArchiveCell> Select(int count, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0 && _cells.Count == 0)
        {
            throw new InvalidOperationException("The archive is empty: offer some visits before selecting cells.");
        }

        var cells = Cells;
        var cumulative = new double[cells.Count];
        var total = 0.0;
        for (var i = 0; i < cells.Count; i++)
        {
            total += Weight(cells[i]);
            cumulative[i] = total;
        }

        var chosen = new List<string>(count);
        for (var n = 0; n < count; n++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            index = index < 0 ? ~index : index;
            chosen.Add(cells[Math.Min(index, cells.Count - 1)].Key);
        }

        foreach (var key in chosen)
        {
            var cell = _cells[key];
            _cells[key] = cell with { TimesChosen = cell.TimesChosen + 1, TimesChosenSinceNew = cell.TimesChosenSinceNew + 1 };
        }

        return chosen.Select(key => _cells[key]).ToList();
    }

    private int EvictOverflow()
    {
        var evicted = 0;
        // Evicting never changes which cell is best (the best is never evicted), so it is found once.
        var best = _cells.Count > Options.Capacity ? Best!.Key : null;
        while (_cells.Count > Options.Capacity)
        {
            var victim = _cells.Values.Where(c => c.Key != best).MinBy(c => (Weight(c), c.Score, c.Discovered))!;
            _cells.Remove(victim.Key);
            evicted++;
        }

        return evicted;
    }
}
