using AgentRL.Learning.Exploration;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// One learner step over a batch of groups: a learned estimator learns from the groups first, then advantages per group
/// (each <c>groupSize</c> consecutive rollouts share a task), rollouts without signal dropped
/// (<see cref="DynamicSampling"/>), then the trainer's update on the rest. With a <see cref="RepresentationBonus"/>, the
/// groups' scores are shaped by it before anything else sees them, whichever the algorithm. With a
/// <see cref="SuccessReplay"/>, earlier rare successes join the update with the advantages they had.
/// </summary>
public static class GroupedUpdate
{
    private static readonly IReadOnlyDictionary<string, double> NoDiagnostics = new Dictionary<string, double>();

    /// <summary>
    /// Returns how many rollouts were trained on, the update's metrics (null when none carried signal) and the
    /// estimator's own diagnostics (empty for estimators that neither learn nor diagnose).
    /// </summary>
    /// <param name="invalidActionPenalty">Taken off the advantage of every turn the environment rejected (see <see cref="InvalidActionPenalty"/>); 0 leaves the estimator's advantages as they are.</param>
    /// <param name="revisitPenalty">Taken off the advantage of every turn that led back to a state its episode had been in (see <see cref="RevisitPenalty"/>); 0: off.</param>
    /// <param name="progressShaping">Added to each turn's advantage per step its action brought the environment closer to the goal, by the environment's estimate (see <see cref="ProgressShaping"/>); 0: off.</param>
    /// <param name="successReplay">Keeps this batch's rare successes and adds earlier ones to the update (counted in Trained, and under <see cref="SuccessReplay.ReplayedDiagnostic"/>).</param>
    /// <param name="hindsight">Adds this batch's episodes rewritten as successes of the goals they reached unasked (counted in Trained, and under <see cref="HindsightRelabelling.RelabelledDiagnostic"/>).</param>
    /// <param name="negativeAdvantageScale">Multiplies the estimator's negative advantages, before the turn-level terms (see <see cref="NegativeAdvantageScaling"/>); 1: off.</param>
    /// <param name="milestones">Adds to each rollout's score a share of the task's milestones it reached, before advantages (mean progress of the failures under <see cref="MilestoneBonus.ProgressDiagnostic"/>).</param>
    public static (int Trained, UpdateMetrics? Metrics, IReadOnlyDictionary<string, double> Diagnostics) Apply(PolicyTrainer trainer, IAdvantageEstimator estimator, IReadOnlyList<Trajectory> trajectories, int groupSize, RepresentationBonus? bonus = null, double invalidActionPenalty = 0, double revisitPenalty = 0, double progressShaping = 0, SuccessReplay? successReplay = null, HindsightRelabelling? hindsight = null, MilestoneBonus? milestones = null, double negativeAdvantageScale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        if (trajectories.Count % groupSize != 0)
        {
            throw new ArgumentException($"{trajectories.Count} rollouts do not split into groups of {groupSize}.", nameof(trajectories));
        }

        IReadOnlyList<IReadOnlyList<Trajectory>> groups = trajectories.Chunk(groupSize).ToList();
        var shaping = NoDiagnostics;
        if (bonus is not null)
        {
            (groups, shaping) = bonus.Shape(groups);
            trajectories = groups.SelectMany(g => g).ToList();
        }

        if (milestones is not null)
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
        if (negativeAdvantageScale != 1)
        {
            advantages = NegativeAdvantageScaling.Apply(advantages, negativeAdvantageScale);
        }

        if (invalidActionPenalty > 0)
        {
            advantages = InvalidActionPenalty.Apply(trajectories, advantages, invalidActionPenalty);
        }

        if (revisitPenalty > 0)
        {
            advantages = RevisitPenalty.Apply(trajectories, advantages, revisitPenalty);
        }

        if (progressShaping > 0)
        {
            advantages = ProgressShaping.Apply(trajectories, advantages, progressShaping);
        }

        if (successReplay is not null)
        {
            var (again, againAdvantages) = successReplay.Next(groups, advantages);
            trajectories = trajectories.Concat(again).ToList();
            advantages = advantages.Concat(againAdvantages).ToList();
            diagnostics = diagnostics.Append(new KeyValuePair<string, double>(SuccessReplay.ReplayedDiagnostic, again.Count)).ToDictionary();
        }

        if (hindsight is not null)
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
