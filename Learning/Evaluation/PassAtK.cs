namespace AgentRL.Learning.Evaluation;

/// <summary>The unbiased pass@k estimator: with n samples of which c succeeded, 1 − C(n−c, k) / C(n, k).</summary>
public static class PassAtK
{
    public static double Estimate(int samples, int successes, int k)
    {
        if (samples < 1 || successes < 0 || successes > samples || k < 1 || k > samples)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"Need 0 <= successes <= samples and 1 <= k <= samples (n={samples}, c={successes}, k={k}).");
        }

        if (samples - successes < k)
        {
            return 1.0;
        }

        // C(n−c, k) / C(n, k) = Π_{i=n−c+1}^{n} (1 − k / i), computed as a product for numerical stability.
        var failAll = 1.0;
        for (var i = samples - successes + 1; i <= samples; i++)
        {
            failAll *= 1.0 - (double)k / i;
        }

        return 1.0 - failAll;
    }
}
