namespace AgentRL.Torch.Tests;

/// <summary>
/// Compares autograd's gradient with central finite differences in float64: for a random weighting w, the gradient of
/// sum(f(inputs) · w) with respect to each input element must match (L(x + h) − L(x − h)) / 2h.
/// </summary>
internal static class GradientChecker
{
    private const double Step = 1e-6;

    public static void Check(Func<Tensor[], Tensor> function, params double[][] inputs) => Check(function, inputs, inputs.Select(i => new long[] { i.Length }).ToArray());

    public static void Check(Func<Tensor[], Tensor> function, double[][] inputs, long[][] shapes, double tolerance = 1e-6)
    {
        using var scope = DisposeScope.Begin();
        var leaves = inputs.Select((data, i) =>
        {
            var leaf = Tensor.FromArray(data, shapes[i]);
            leaf.RequiresGrad = true;
            return leaf;
        }).ToArray();
        var output = function(leaves);
        var weights = Weights(output.NumElements, output.Shape);
        var loss = (output * weights).Sum();
        loss.Backward();

        for (var i = 0; i < inputs.Length; i++)
        {
            var analytic = leaves[i].Grad?.ToArray<double>() ?? new double[inputs[i].Length];
            for (var j = 0; j < inputs[i].Length; j++)
            {
                var numeric = (Loss(function, inputs, shapes, weights, i, j, +Step) - Loss(function, inputs, shapes, weights, i, j, -Step)) / (2 * Step);
                var scale = Math.Max(1, Math.Abs(numeric));
                Assert.True(Math.Abs(analytic[j] - numeric) <= tolerance * scale,
                    $"input {i}, element {j}: autograd {analytic[j]:R}, finite differences {numeric:R}");
            }
        }
    }

    private static double Loss(Func<Tensor[], Tensor> function, double[][] inputs, long[][] shapes, Tensor weights, int which, int element, double delta)
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = new NoGrad();
        var tensors = inputs.Select((data, i) =>
        {
            var copy = (double[])data.Clone();
            if (i == which)
            {
                copy[element] += delta;
            }

            return Tensor.FromArray(copy, shapes[i]);
        }).ToArray();
        return (function(tensors) * weights).Sum().Item();
    }

    private static Tensor Weights(long count, long[] shape)
    {
        var random = new Random(17);
        var values = Enumerable.Range(0, (int)count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return Tensor.FromArray(values, shape);
    }

    /// <summary>Values in [low, high), deterministic.</summary>
    public static double[] Values(int count, double low = -1, double high = 1, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => low + random.NextDouble() * (high - low)).ToArray();
    }
}
