using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// One learner step over a batch of groups: advantages per group (each <c>groupSize</c> consecutive rollouts share a
/// task), rollouts without signal dropped (<see cref="DynamicSampling"/>), then the trainer's update on the rest.
/// </summary>
public static class GroupedUpdate
{
    /// <summary>Returns how many rollouts were trained on and the update's metrics (null when none carried signal).</summary>
    public static (int Trained, UpdateMetrics? Metrics) Apply(PolicyTrainer trainer, IAdvantageEstimator estimator, IReadOnlyList<Trajectory> trajectories, int groupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        if (trajectories.Count % groupSize != 0)
        {
            throw new ArgumentException($"{trajectories.Count} rollouts do not split into groups of {groupSize}.", nameof(trajectories));
        }

        var advantages = trajectories.Chunk(groupSize).SelectMany(estimator.Estimate).ToList();
        var (kept, keptAdvantages) = DynamicSampling.DropUninformative(trajectories, advantages);
        return kept.Count == 0 ? (0, null) : (kept.Count, trainer.Update(kept, keptAdvantages));
    }
}
