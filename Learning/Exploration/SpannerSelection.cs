namespace AgentRL.Learning.Exploration;

/// <summary>
/// Chooses k of N candidates whose features span feature space (SpannerSampling-style): greedily take the candidate
/// with the largest elliptical bonus against those already taken, add it, repeat. A candidate in the span of the chosen
/// ones has a bonus near zero, so new directions are taken first and duplicates last.
/// </summary>
public static class SpannerSelection
{
    /// <summary>
    /// The indices of the chosen candidates, in the order taken (at most <paramref name="count"/>, and at most the number
    /// of candidates); ties go to the earlier candidate.
    /// </summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<double[]> features, int count, double lambda = 0.01)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (features.Count == 0 || count == 0)
        {
            return [];
        }

        var bonus = new EllipticalBonus(features[0].Length, lambda);
        var taken = new bool[features.Count];
        var chosen = new List<int>();
        while (chosen.Count < Math.Min(count, features.Count))
        {
            var (best, bestBonus) = (-1, double.NegativeInfinity);
            for (var i = 0; i < features.Count; i++)
            {
                if (!taken[i] && bonus.Bonus(features[i]) is var b && b > bestBonus)
                {
                    (best, bestBonus) = (i, b);
                }
            }

            taken[best] = true;
            chosen.Add(best);
            bonus.Add(features[best]);
        }

        return chosen;
    }
}
