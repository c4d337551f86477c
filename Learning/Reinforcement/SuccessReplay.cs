using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Self-imitation (Oh et al., 2018) for group-relative estimators: a success whose group mostly failed is kept with the
/// advantages it was trained on, and the next few updates train on it again beside their own batch. A success that is rare
/// when it happens (the second half of a two-part mission solved once in eight tries) otherwise teaches for one update and
/// is gone. PPO's ratio against the log-probs recorded when it was played bounds each replay: once its tokens are 1 + ε
/// as likely as they were then, replaying it adds nothing.
/// </summary>
public sealed class SuccessReplay
{
    private readonly SuccessReplayOptions _options;
    private readonly List<Kept> _kept = [];
    private int _update;

    public SuccessReplay(SuccessReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The name under which <see cref="GroupedUpdate"/> reports how many successes an update replayed.</summary>
    public const string ReplayedDiagnostic = "successes replayed";

    /// <summary>How many successes are kept for later updates.</summary>
    public int Count => _kept.Count;

    /// <summary>
    /// Chooses up to <see cref="SuccessReplayOptions.PerUpdate"/> earlier successes to train on with this update (the
    /// rarest in their group first, then the newest), then keeps this update's rare successes for the next ones.
    /// <paramref name="advantages"/> holds each rollout's turn advantages, groups in order.
    /// </summary>
    public (IReadOnlyList<Trajectory> Trajectories, IReadOnlyList<double[]> Advantages) Next(IReadOnlyList<IReadOnlyList<Trajectory>> groups, IReadOnlyList<double[]> advantages)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(advantages);
        if (groups.Sum(g => g.Count) != advantages.Count)
        {
            throw new ArgumentException($"{groups.Sum(g => g.Count)} rollouts but {advantages.Count} advantage arrays.", nameof(advantages));
        }

        _update++;
        _kept.RemoveAll(k => _update - k.Update > _options.MaxAge);
        var chosen = _kept.OrderByDescending(k => k.FailedShare).ThenByDescending(k => k.Update).Take(_options.PerUpdate).ToList();
        foreach (var kept in chosen)
        {
            kept.Replayed++;
        }

        _kept.RemoveAll(k => k.Replayed >= _options.Replays);
        Keep(groups, advantages);
        return (chosen.Select(k => k.Trajectory).ToList(), chosen.Select(k => k.Advantages).ToList());
    }

    private void Keep(IReadOnlyList<IReadOnlyList<Trajectory>> groups, IReadOnlyList<double[]> advantages)
    {
        var offset = 0;
        foreach (var group in groups)
        {
            var failedShare = group.Count(t => !t.Success) / (double)group.Count;
            if (failedShare >= _options.MinimumFailedShare)
            {
                for (var i = 0; i < group.Count; i++)
                {
                    // A success its estimator did not favour (a learned critic's view, say) has nothing to repeat.
                    if (group[i].Success && advantages[offset + i].Sum() > 0)
                    {
                        _kept.Add(new Kept(group[i], (double[])advantages[offset + i].Clone(), failedShare, _update));
                    }
                }
            }

            offset += group.Count;
        }

        if (_kept.Count > _options.Capacity)
        {
            _kept.RemoveRange(0, _kept.Count - _options.Capacity);
        }
    }

    private sealed class Kept(Trajectory trajectory, double[] advantages, double failedShare, int update)
    {
        public Trajectory Trajectory { get; } = trajectory;

        public double[] Advantages { get; } = advantages;

        public double FailedShare { get; } = failedShare;

        public int Update { get; } = update;

        public int Replayed { get; set; }
    }
}
