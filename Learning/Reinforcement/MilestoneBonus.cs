using AgentRL.Environments;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Adds <c>weight × progress</c> to each rollout's score before advantages are computed, where progress is the share of
/// its task's milestones the environment reads in its transcript (1 for a success). Within a group the successes all
/// gain the same, so only failures are told apart: one that picked up the object it was to carry now ranks above one
/// that never found it, and a group that failed throughout still carries a gradient. Whatever the weight, no failure
/// outranks a success: a failure's progress is below 1, and a success gains the whole weight.
/// </summary>
public sealed class MilestoneBonus
{
    public const string ProgressDiagnostic = "milestone_progress";

    private readonly IMilestoneReader _reader;

    public MilestoneBonus(IMilestoneReader reader, double weight)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        (_reader, Weight) = (reader, weight);
    }

    public double Weight { get; }

    /// <summary>The groups with shaped scores, and the mean progress of their failures.</summary>
    public (IReadOnlyList<IReadOnlyList<Trajectory>> Groups, IReadOnlyDictionary<string, double> Diagnostics) Shape(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var failures = new List<double>();
        var shaped = groups.Select(group => (IReadOnlyList<Trajectory>)group.Select(rollout =>
        {
            var progress = rollout.Success ? 1 : _reader.Progress(rollout.Turns.Select(t => t.Observation).ToList());
            if (!rollout.Success)
            {
                failures.Add(progress);
            }

            return rollout with { Score = rollout.Score + (Weight * progress) };
        }).ToList()).ToList();
        return (shaped, new Dictionary<string, double> { [ProgressDiagnostic] = failures.Count == 0 ? 0 : failures.Average() });
    }
}
