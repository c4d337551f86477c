using AgentRL.Learning.Exploration;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// One learner step over a batch of groups: a learned estimator learns from the groups first, then advantages per group
/// (each <c>groupSize</c> consecutive rollouts share a task), rollouts without signal dropped
/// (<see cref="DynamicSampling"/>), then the trainer's update on the rest. What is laid over the estimator's advantages
/// on the way (score shaping, scaled blame, turn-level penalties and shaping, replayed or relabelled rollouts) is the
/// <see cref="GroupedUpdateOptions"/>.
/// </summary>
public static class GroupedUpdate
{
    private static readonly IReadOnlyDictionary<string, double> NoDiagnostics = new Dictionary<string, double>();

    /// <summary>
    /// Returns how many rollouts were trained on, the update's metrics (null when none carried signal) and the
    /// estimator's own diagnostics (empty for estimators that neither learn nor diagnose).
    /// </summary>
    public static (int Trained, UpdateMetrics? Metrics, IReadOnlyDictionary<string, double> Diagnostics) Apply(PolicyTrainer trainer, IAdvantageEstimator estimator, IReadOnlyList<Trajectory> trajectories, int groupSize, GroupedUpdateOptions? options = null)
    {
        options ??= GroupedUpdateOptions.None;
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        if (trajectories.Count % groupSize != 0)
        {
            throw new ArgumentException($"{trajectories.Count} rollouts do not split into groups of {groupSize}.", nameof(trajectories));
        }

        IReadOnlyList<IReadOnlyList<Trajectory>> groups = trajectories.Chunk(groupSize).ToList();
        var shaping = NoDiagnostics;
        if (options.Bonus is { } bonus)
        {
            (groups, shaping) = bonus.Shape(groups);
            trajectories = groups.SelectMany(g => g).ToList();
        }

        if (options.Milestones is { } milestones)
        {
            var (shaped, progress) = milestones.Shape(groups);
            groups = shaped;
            trajectories = groups.SelectMany(g => g).ToList();
            shaping = shaping.Concat(progress).ToDictionary();
        }

        var diagnostics = estimator switch
        {
            ILearnedAdvantageEstimator learned => learned.Learn(groups),
            IDiagnosingAdvantageEstimator diagnosing => diagnosing.Diagnose(groups),
            _ => NoDiagnostics,
        };
        if (shaping.Count > 0)
        {
            diagnostics = diagnostics.Concat(shaping).ToDictionary();
        }

        IReadOnlyList<double[]> advantages = groups.SelectMany(estimator.Estimate).ToList();
        if (options.NegativeAdvantageScale != 1)
        {
            advantages = NegativeAdvantageScaling.Apply(advantages, options.NegativeAdvantageScale);
        }

        if (options.ProgressingTurnBlame != 1)
        {
            advantages = ProgressingTurnBlame.Apply(trajectories, advantages, options.ProgressingTurnBlame);
        }

        if (options.InvalidActionPenalty > 0)
        {
            advantages = InvalidActionPenalty.Apply(trajectories, advantages, options.InvalidActionPenalty);
        }

        if (options.RevisitPenalty > 0)
        {
            advantages = RevisitPenalty.Apply(trajectories, advantages, options.RevisitPenalty);
        }

        if (options.ProgressShaping > 0)
        {
            advantages = ProgressShaping.Apply(trajectories, advantages, options.ProgressShaping);
        }

        if (options.SuccessReplay is { } successReplay)
        {
            var (again, againAdvantages) = successReplay.Next(groups, advantages);
            trajectories = trajectories.Concat(again).ToList();
            advantages = advantages.Concat(againAdvantages).ToList();
            diagnostics = diagnostics.Append(new KeyValuePair<string, double>(SuccessReplay.ReplayedDiagnostic, again.Count)).ToDictionary();
        }

        if (options.Hindsight is { } hindsight)
        {
            var (relabelled, relabelledAdvantages) = hindsight.Relabel(groups.SelectMany(g => g).ToList());
            trajectories = trajectories.Concat(relabelled).ToList();
            advantages = advantages.Concat(relabelledAdvantages).ToList();
            diagnostics = diagnostics.Append(new KeyValuePair<string, double>(HindsightRelabelling.RelabelledDiagnostic, relabelled.Count)).ToDictionary();
        }

        var (kept, keptAdvantages) = WithoutForcedTurns(DynamicSampling.DropUninformative(trajectories, advantages));
        return kept.Count == 0 ? (0, null, diagnostics) : (kept.Count, trainer.Update(kept, keptAdvantages), diagnostics);
    }

    /// <summary>
    /// Forced turns (actions a search chose, not samples of the policy) still shaped the advantages as part of their
    /// rollouts, but a policy-gradient step on them would be off-policy, so they leave before the trainer sees them.
    /// </summary>
    private static (List<Trajectory> Trajectories, List<double[]> Advantages) WithoutForcedTurns((IReadOnlyList<Trajectory> Trajectories, IReadOnlyList<double[]> Advantages) kept)
    {
        var (trajectories, advantages) = (new List<Trajectory>(), new List<double[]>());
        for (var i = 0; i < kept.Trajectories.Count; i++)
        {
            var trajectory = kept.Trajectories[i];
            var sampled = Enumerable.Range(0, trajectory.Turns.Count).Where(t => !trajectory.Turns[t].Forced).ToList();
            if (sampled.Count == 0)
            {
                continue;
            }

            trajectories.Add(sampled.Count == trajectory.Turns.Count ? trajectory : trajectory with { Turns = sampled.Select(t => trajectory.Turns[t]).ToList() });
            advantages.Add(sampled.Select(t => kept.Advantages[i][t]).ToArray());
        }

        return (trajectories, advantages);
    }
}
