using System.Globalization;

namespace AgentRL.Learning.Evaluation;

/// <summary>
/// How a model's probabilities of expert choices are spread: their mean, quantiles, and the share of choices given at
/// least each of a few probabilities.
/// </summary>
public sealed record CoverageDistribution(
    double Mean,
    IReadOnlyList<(double Quantile, double Value)> Quantiles,
    IReadOnlyList<(double Threshold, double Share)> AtLeast)
{
    public static readonly double[] QuantileLevels = [0.1, 0.25, 0.5, 0.75, 0.9];

    public static readonly double[] Thresholds = [0.5, 0.1, 0.01, 0.001];

    public double Median => Quantiles.Single(q => q.Quantile == 0.5).Value;

    public static CoverageDistribution Of(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count == 0)
        {
            throw new ArgumentException("A distribution needs at least one probability.", nameof(probabilities));
        }

        var sorted = probabilities.Order().ToArray();
        return new CoverageDistribution(
            sorted.Average(),
            QuantileLevels.Select(q => (q, Quantile(sorted, q))).ToList(),
            Thresholds.Select(t => (t, sorted.Count(p => p >= t) / (double)sorted.Length)).ToList());
    }

    /// <summary>Linear interpolation between the closest ranks.</summary>
    private static double Quantile(double[] sorted, double level)
    {
        var position = level * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mean {Mean:G3}; quantiles {string.Join(", ", Quantiles.Select(q => $"{q.Quantile:0.##}: {q.Value:G3}"))}; at least {string.Join(", ", AtLeast.Select(a => $"{a.Threshold:G3}: {a.Share:P0}"))}");
}
