using AgentRL.Torch;

namespace AgentRL.Learning.Policy;

/// <summary>
/// Scores given continuations of given prompts in one forward pass: the log-probability (under logits / temperature)
/// and the entropy of the policy at each continuation token. Differentiable when called with gradients enabled, so the
/// trainer can use <see cref="LogProbTensor"/> directly.
/// </summary>
public static class TeacherForcing
{
    public static TokenScores[] Score(PolicyModel model, IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations, double temperature = 1.0, int paddingToken = 0)
    {
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        var (logProbs, entropies, mask) = LogProbTensor(model, prompts, continuations, temperature, paddingToken);
        var lp = logProbs.ToArray<float>();
        var en = entropies.ToArray<float>();
        var width = (int)logProbs.Shape[1];
        return Enumerable.Range(0, prompts.Count).Select(b =>
        {
            var count = continuations[b].Length;
            var start = width - count;
            return new TokenScores(lp.AsSpan(b * width + start, count).ToArray(), en.AsSpan(b * width + start, count).ToArray());
        }).ToArray();
    }

    /// <summary>
    /// [B, C] log-probs and entropies of the continuation tokens, right-aligned (continuations are left-padded to the
    /// longest, C), and a [B, C] float mask that is 1 on real continuation tokens. A pair that occurs more than once is
    /// run through the model once (see <see cref="DistinctRows"/>).
    /// </summary>
    public static (Tensor LogProbs, Tensor Entropies, Tensor Mask) LogProbTensor(PolicyModel model, IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations, double temperature, int paddingToken)
    {
        if (prompts.Count != continuations.Count)
        {
            throw new ArgumentException("Each prompt needs its continuation.");
        }

        var (representatives, rowOf) = DistinctRows.Find(prompts, continuations);
        if (representatives.Length == prompts.Count)
        {
            return DistinctLogProbTensor(model, prompts, continuations, temperature, paddingToken);
        }

        using var scope = DisposeScope.Begin();
        var (logProbs, entropies, mask) = DistinctLogProbTensor(model, representatives.Select(r => prompts[r]).ToList(), representatives.Select(r => continuations[r]).ToList(), temperature, paddingToken);
        var index = Tensor.FromArray(rowOf, model.Device, rowOf.Length);
        return (logProbs.IndexSelect(0, index).MoveToOuterScope(), entropies.IndexSelect(0, index).MoveToOuterScope(), mask.IndexSelect(0, index).MoveToOuterScope());
    }

    private static (Tensor LogProbs, Tensor Entropies, Tensor Mask) DistinctLogProbTensor(PolicyModel model, IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations, double temperature, int paddingToken)
    {
        var batch = prompts.Count;
        var width = continuations.Max(c => c.Length);
        var (tokens, padding, length) = LeftPaddedBatch.Build(prompts.Zip(continuations, (p, c) => p.Concat(c).ToArray()).ToList(), paddingToken);
        var targets = new long[batch * width];
        var mask = new float[batch * width];
        for (var b = 0; b < batch; b++)
        {
            var continuationOffset = width - continuations[b].Length;
            for (var i = 0; i < continuations[b].Length; i++)
            {
                targets[b * width + continuationOffset + i] = continuations[b][i];
                mask[b * width + continuationOffset + i] = 1;
            }
        }

        using var scope = DisposeScope.Begin();
        var device = model.Device;
        // The logits at position t predict token t + 1: the last `width` tokens are predicted by the `width` before them.
        var logits = model.Forward(Tensor.FromArray(tokens, device, batch, length), 0, null, Tensor.FromArray(padding, device, batch, length), lastPositions: width + 1);
        var predicting = logits.Narrow(1, 0, width) / temperature;
        var logSoftmax = predicting.LogSoftmax(-1);
        var gathered = logSoftmax.Gather(2, Tensor.FromArray(targets, device, batch, width, 1)).Squeeze(2);
        var entropy = -(logSoftmax.Exp() * logSoftmax).Sum([2], keepDim: false);
        var maskTensor = Tensor.FromArray(mask, device, batch, width);
        return ((gathered * maskTensor).MoveToOuterScope(), (entropy * maskTensor).MoveToOuterScope(), maskTensor.MoveToOuterScope());
    }
}
