namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// The group baselines of shared/ALGORITHMS.md. A group of one has nothing to compare against: its advantage is 0.
/// The standard deviation is the population one (divide by n).
/// </summary>
public static class GroupBaselines
{
    public const double Epsilon = 1e-6;

    /// <summary>s_i − mean(s).</summary>
    public static double[] MeanNormalised(IReadOnlyList<double> scores) =>
        scores.Count < 2 ? new double[scores.Count] : scores.Select(s => s - scores.Average()).ToArray();

    /// <summary>(s_i − mean(s)) / (std(s) + ε).</summary>
    public static double[] MeanStdNormalised(IReadOnlyList<double> scores) => MeanStdNormalised(scores, Epsilon);

    /// <summary>(s_i − mean(s)) / (std(s) + <paramref name="epsilon"/>).</summary>
    public static double[] MeanStdNormalised(IReadOnlyList<double> scores, double epsilon)
    {
        if (scores.Count < 2)
        {
            return new double[scores.Count];
        }

        var mean = scores.Average();
        var std = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Count);
        return scores.Select(s => (s - mean) / (std + epsilon)).ToArray();
    }

    /// <summary>Leave-one-out: s_i − mean of the others.</summary>
    public static double[] LeaveOneOut(IReadOnlyList<double> scores)
    {
        if (scores.Count < 2)
        {
            return new double[scores.Count];
        }

        var sum = scores.Sum();
        return scores.Select(s => s - (sum - s) / (scores.Count - 1)).ToArray();
    }
}
