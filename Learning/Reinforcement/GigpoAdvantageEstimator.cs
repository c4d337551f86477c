using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// GiGPO (shared/ALGORITHMS.md): GRPO's episode advantage plus a step advantage. Rollouts of one group that pass
/// through the same environment state (same cell key before acting) form a step group; within it each visit's
/// discounted return from that turn on, R_t = Σ_{k≥t} γ^{k−t} r_k, is normalised against the others. A visit alone in
/// its step group gets no step advantage. A = A^E + ω·A^S.
/// </summary>
public sealed class GigpoAdvantageEstimator(double discount = 0.95, double stepWeight = 1.0, bool scaleByStd = true) : IAdvantageEstimator
{
    private readonly GrpoAdvantageEstimator _episode = new(scaleByStd);

    public string Name => "gigpo";

    public double Discount { get; } = discount is >= 0 and <= 1 ? discount : throw new ArgumentOutOfRangeException(nameof(discount), discount, "γ must be in [0, 1].");

    public double StepWeight { get; } = stepWeight >= 0 ? stepWeight : throw new ArgumentOutOfRangeException(nameof(stepWeight), stepWeight, "ω cannot be negative.");

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        var advantages = _episode.Estimate(group).Select(a => (double[])a.Clone()).ToList();
        var visits = new Dictionary<string, List<(int Rollout, int Turn, double Return)>>(StringComparer.Ordinal);
        for (var i = 0; i < group.Count; i++)
        {
            var returns = DiscountedReturns(group[i].Turns, Discount);
            for (var t = 0; t < returns.Length; t++)
            {
                var key = group[i].CellKeyBefore(t);
                if (!visits.TryGetValue(key, out var list))
                {
                    visits[key] = list = [];
                }

                list.Add((i, t, returns[t]));
            }
        }

        foreach (var stepGroup in visits.Values.Where(v => v.Count > 1))
        {
            var returns = stepGroup.Select(v => v.Return).ToList();
            var step = scaleByStd ? GroupBaselines.MeanStdNormalised(returns) : GroupBaselines.MeanNormalised(returns);
            for (var j = 0; j < stepGroup.Count; j++)
            {
                advantages[stepGroup[j].Rollout][stepGroup[j].Turn] += StepWeight * step[j];
            }
        }

        return advantages;
    }

    /// <summary>R_t = r_t + γ·R_{t+1} over the turns' rewards, from the last turn back.</summary>
    public static double[] DiscountedReturns(IReadOnlyList<Turn> turns, double discount) =>
        Discounting.Returns(turns.Select(t => t.Reward).ToList(), discount);
}
