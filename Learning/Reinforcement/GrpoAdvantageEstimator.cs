using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// GRPO: each rollout's return (the sum of its rewards, penalties included), normalised within the group, is every
/// turn's advantage. All-equal groups give zero advantage ("advantage collapse"). By default the return is centred and
/// divided by the group's standard deviation; with <paramref name="scaleByStd"/> off it is only centred (as Dr. GRPO
/// argues), so a group whose returns differ by small penalties alone gets small advantages instead of unit-sized noise.
/// </summary>
public sealed class GrpoAdvantageEstimator(bool scaleByStd = true) : IAdvantageEstimator
{
    public string Name => "grpo";

    public bool ScaleByStd => scaleByStd;

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        var returns = group.Select(t => t.Return).ToList();
        var advantages = scaleByStd ? GroupBaselines.MeanStdNormalised(returns) : GroupBaselines.MeanNormalised(returns);
        return group.Select((t, i) => Enumerable.Repeat(advantages[i], t.Turns.Count).ToArray()).ToList();
    }
}
