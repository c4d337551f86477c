using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// GRPO: each rollout's return (the sum of its rewards, penalties included), normalised by mean and standard deviation
/// within the group, is every turn's advantage. All-equal groups give zero advantage ("advantage collapse").
/// </summary>
public sealed class GrpoAdvantageEstimator : IAdvantageEstimator
{
    public string Name => "grpo";

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        var advantages = GroupBaselines.MeanStdNormalised(group.Select(t => t.Return).ToList());
        return group.Select((t, i) => Enumerable.Repeat(advantages[i], t.Turns.Count).ToArray()).ToList();
    }
}
