namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Scales the estimator's negative advantages by a factor in [0, 1], before any turn-level term: a failed episode then
/// pushes its actions down less than a success of the same margin pushes its actions up. A failure of thirty turns
/// usually holds one wrong action and many sound ones, and an outcome estimator blames them all alike; the scaled update
/// leans toward what succeeded (toward rejection-sampling fine-tuning as the factor goes to 0), at the cost of a bias
/// toward the sampled actions that sharpens the policy.
/// </summary>
public static class NegativeAdvantageScaling
{
    /// <summary>The advantages with every negative one multiplied by <paramref name="scale"/> (new arrays; the inputs are kept).</summary>
    public static IReadOnlyList<double[]> Apply(IReadOnlyList<double[]> advantages, double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 1);
        return advantages.Select(turns => turns.Select(a => a < 0 ? a * scale : a).ToArray()).ToList();
    }
}
