using AgentRL.Environments.Generation;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Curriculum;

/// <summary>
/// Draws training tasks by category (a gridworld's mission kind, say), weighting each category by how much its groups
/// still disagree. Group-relative RL learns only from groups whose scores differ, so once the policy settles the easy
/// kinds their groups cost rollouts and teach nothing, while the kinds it still fails at get a few groups an iteration.
/// A category's weight is its share of the training tasks times the running mean of its groups' score spread (standard
/// deviation), held above a floor; with equal spreads the draw is uniform over tasks, as without a curriculum (or uniform
/// over categories, when <see cref="CategoryCurriculumOptions.WeighByTaskShare"/> is off).
/// Plain state, no grains.
/// </summary>
public sealed class CategoryCurriculum
{
    private readonly CategoryCurriculumOptions _options;
    private readonly Dictionary<int, string> _categoryOf;
    private readonly SortedDictionary<string, int[]> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _spread = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="categories"/> names the category of every training task that may be drawn;
    /// <paramref name="spreads"/> restores the running spreads of an earlier run (categories it lacks start afresh).
    /// </summary>
    public CategoryCurriculum(IReadOnlyDictionary<int, string> categories, CategoryCurriculumOptions options, IReadOnlyDictionary<string, double>? spreads = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        options.Validate();
        if (categories.Count == 0)
        {
            throw new ArgumentException("A curriculum needs at least one task.", nameof(categories));
        }

        _options = options;
        _categoryOf = new Dictionary<int, string>(categories);
        foreach (var group in categories.GroupBy(c => c.Value, StringComparer.Ordinal))
        {
            _tasks[group.Key] = group.Select(c => c.Key).Order().ToArray();
            var spread = spreads is not null && spreads.TryGetValue(group.Key, out var kept) ? kept : options.InitialSpread;
            _spread[group.Key] = double.IsFinite(spread) && spread >= 0
                ? spread
                : throw new ArgumentException($"Category '{group.Key}' has a restored spread of {spread}; a spread is a finite, non-negative number.", nameof(spreads));
        }
    }

    /// <summary>The categories, in ordinal order.</summary>
    public IReadOnlyList<string> Categories => _tasks.Keys.ToList();

    /// <summary>Each category's running spread of group scores, for display and to persist with a run.</summary>
    public IReadOnlyDictionary<string, double> Spreads => new Dictionary<string, double>(_spread, StringComparer.Ordinal);

    public string CategoryOf(int taskId) => _categoryOf.TryGetValue(taskId, out var category)
        ? category
        : throw new ArgumentException($"Task {taskId} is not among the curriculum's tasks.", nameof(taskId));

    /// <summary>The chance that the next draw falls in each category, in <see cref="Categories"/> order.</summary>
    public IReadOnlyList<double> Probabilities()
    {
        var largest = _spread.Values.Max();
        var weights = _tasks.Select(c => (_options.WeighByTaskShare ? c.Value.Length : 1) * Math.Max(_spread[c.Key], _options.Floor * largest)).ToList();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToList();
    }

    /// <summary>Draws a category by <see cref="Probabilities"/>, then one of its tasks uniformly.</summary>
    public int Next(DeterministicRandom random)
    {
        var tasks = _tasks.Values.ElementAt(ProbabilityDraw.Index(Probabilities(), random));
        return tasks[random.Next(tasks.Length)];
    }

    /// <summary>Folds the scores of one group played on <paramref name="taskId"/> into its category's running spread.</summary>
    public void Record(int taskId, IReadOnlyList<double> scores)
    {
        var category = CategoryOf(taskId);
        _spread[category] += _options.Rate * (TaskReplay.Potential(scores) - _spread[category]);
    }

    /// <summary>
    /// Records every group of <paramref name="trajectories"/> (consecutive runs of <paramref name="groupSize"/>, each on
    /// one task); groups started from an archive cell began mid-task and are left out.
    /// </summary>
    public void RecordGroups(IReadOnlyList<Trajectory> trajectories, int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        foreach (var group in trajectories.Chunk(groupSize).Where(g => g[0].StartedFrom is null))
        {
            Record(group[0].TaskId, group.Select(t => t.Score).ToList());
        }
    }
}
