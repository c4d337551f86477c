using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// GRPO: each rollout's episode reward (by default its final score, see <see cref="EpisodeReward"/>), normalised within
/// the group, is every turn's advantage. All-equal groups give zero advantage ("advantage collapse"). By default the
/// reward is centred and divided by the group's standard deviation; with <paramref name="scaleByStd"/> off it is only
/// centred (as Dr. GRPO argues). Dividing by the deviation is why the reward should be the score: with returns, a group
/// that failed throughout but differs in a few step penalties would get unit-sized advantages from that noise alone.
/// </summary>
public sealed class GrpoAdvantageEstimator(bool scaleByStd = true, EpisodeReward reward = EpisodeReward.Score) : IAdvantageEstimator
{
    public string Name => "grpo";

    public bool ScaleByStd => scaleByStd;

    public EpisodeReward Reward => reward;

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        var returns = group.Select(t => reward switch
        {
            EpisodeReward.Return => t.Return,
            EpisodeReward.Success => t.Success ? 1.0 : 0.0,
            EpisodeReward.Score => t.Score,
            _ => throw new InvalidOperationException($"Unknown episode reward {reward}."),
        }).ToList();
        var advantages = scaleByStd ? GroupBaselines.MeanStdNormalised(returns) : GroupBaselines.MeanNormalised(returns);
        return group.Select((t, i) => Enumerable.Repeat(advantages[i], t.Turns.Count).ToArray()).ToList();
    }
}
