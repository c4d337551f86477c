using AgentRL.Environments.Generation;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Curriculum;

/// <summary>
/// Prioritised replay of training starts for group-relative RL. A group whose rollouts all score the same teaches
/// nothing, and once a policy solves most fresh tasks most groups are such: the gradient then comes from a few groups
/// of the hard kinds. This keeps the starts (task and seed) whose groups disagreed, ranked by the spread of their scores,
/// and offers them to be played again, so those groups come back until the policy settles them. Plain state, no
/// grains; the training run persists <see cref="Starts"/> with each iteration.
/// </summary>
public sealed class TaskReplay
{
    private readonly TaskReplayOptions _options;
    private readonly Dictionary<(int TaskId, int Seed), ReplayedStart> _starts = [];

    public TaskReplay(TaskReplayOptions options, IEnumerable<ReplayedStart>? starts = null)
    {
        options.Validate();
        _options = options;
        foreach (var start in starts ?? [])
        {
            _starts[(start.TaskId, start.Seed)] = start;
        }
    }

    public int Count => _starts.Count;

    /// <summary>The kept starts, most promising first (the order their rank weights follow).</summary>
    public IReadOnlyList<ReplayedStart> Starts => _starts.Values
        .OrderByDescending(s => s.Potential).ThenBy(s => s.LastPlayed).ThenBy(s => s.TaskId).ThenBy(s => s.Seed).ToList();

    /// <summary>How many of <paramref name="groups"/> groups should replay now: the configured share, as far as starts are kept.</summary>
    public int ReplaysFor(int groups) => Math.Min(_starts.Count, (int)Math.Round(_options.Fraction * groups, MidpointRounding.AwayFromZero));

    /// <summary>A start's learning potential: the standard deviation of its group's scores (0 when they all agree).</summary>
    public static double Potential(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0)
        {
            throw new ArgumentException("A group has at least one score.", nameof(scores));
        }

        var mean = scores.Average();
        return Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Count);
    }

    /// <summary>The chance of each of <see cref="Starts"/>, in that order, to be the next one chosen at <paramref name="iteration"/>.</summary>
    public IReadOnlyList<double> Probabilities(int iteration) => Weights(Starts, iteration);

    /// <summary>Draws <paramref name="count"/> distinct starts (fewer when fewer are kept) by <see cref="Probabilities"/>.</summary>
    public IReadOnlyList<ReplayedStart> Choose(int count, int iteration, DeterministicRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var remaining = Starts.ToList();
        var chosen = new List<ReplayedStart>();
        while (chosen.Count < count && remaining.Count > 0)
        {
            var index = ProbabilityDraw.Index(Weights(remaining, iteration), random);
            chosen.Add(remaining[index]);
            remaining.RemoveAt(index);
        }

        return chosen;
    }

    /// <summary>
    /// Records the scores of a group played from (<paramref name="taskId"/>, <paramref name="seed"/>) at
    /// <paramref name="iteration"/>: a start whose group disagreed is kept (or updated); one whose group agreed is
    /// dropped, as it would teach nothing now. Past capacity the start with the least potential goes.
    /// </summary>
    public void Record(int taskId, int seed, IReadOnlyList<double> scores, int iteration)
    {
        var potential = Potential(scores);
        if (potential == 0)
        {
            _starts.Remove((taskId, seed));
            return;
        }

        _starts[(taskId, seed)] = new ReplayedStart(taskId, seed, potential, iteration);
        if (_starts.Count > _options.Capacity)
        {
            var weakest = Starts[^1];
            _starts.Remove((weakest.TaskId, weakest.Seed));
        }
    }

    /// <summary>
    /// Records every group of <paramref name="trajectories"/> (consecutive runs of <paramref name="groupSize"/>, each from
    /// one start) by <see cref="Record"/>; groups started from an archive cell began mid-task and are left out.
    /// </summary>
    public void RecordGroups(IReadOnlyList<Trajectory> trajectories, int groupSize, int iteration)
    {
        foreach (var group in trajectories.Chunk(groupSize).Where(g => g[0].StartedFrom is null))
        {
            Record(group[0].TaskId, group[0].Seed, group.Select(t => t.Score).ToList(), iteration);
        }
    }

    private List<double> Weights(IReadOnlyList<ReplayedStart> ranked, int iteration)
    {
        var rank = Enumerable.Range(1, ranked.Count).Select(r => Math.Pow(1.0 / r, 1.0 / _options.Temperature)).ToList();
        var rankSum = rank.Sum();
        var waited = ranked.Select(s => (double)Math.Max(0, iteration - s.LastPlayed)).ToList();
        var waitedSum = waited.Sum();
        // Nothing has waited (all played this iteration): staleness cannot tell starts apart, so rank alone decides.
        var staleness = waitedSum > 0 ? _options.StalenessWeight : 0;
        return rank.Select((h, i) => ((1 - staleness) * h / rankSum) + (staleness > 0 ? staleness * waited[i] / waitedSum : 0)).ToList();
    }
}
