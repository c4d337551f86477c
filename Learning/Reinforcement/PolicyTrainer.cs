using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;
using AgentRL.Torch.Optim;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// The policy update shared by every algorithm: the clipped surrogate on action tokens (observation tokens never get
/// loss) with each turn's advantage, plus β·KL(k3) to a frozen reference, averaged per mini-batch as a token-mean or a
/// trajectory-mean (<see cref="PpoOptions.Aggregation"/>); mini-batches group turns of similar length up to a
/// padded-token budget; gradients are clipped; the learning rate follows a schedule. For rollouts that lag the learner,
/// <see cref="PpoOptions.ClipAroundCurrentPolicy"/> makes it decoupled PPO.
/// </summary>
public sealed class PolicyTrainer : IDisposable
{
    private readonly PolicyModel _model;
    private readonly PolicyModel? _reference;
    private readonly PpoOptions _options;
    private readonly AdamW _optimizer;
    private readonly int _paddingToken;

    /// <param name="startStep">The step to continue from when resuming (see PolicyCheckpoint); drives the schedule.</param>
    public PolicyTrainer(PolicyModel model, PolicyModel? reference, PpoOptions options, int paddingToken, int startStep = 0)
    {
        if (options.KlCoefficient > 0 && reference is null)
        {
            throw new ArgumentException("A KL coefficient needs a reference model.", nameof(reference));
        }

        _model = model;
        _reference = reference;
        _options = options;
        _paddingToken = paddingToken;
        _optimizer = new AdamW(model.Parameters(), options.Schedule.At(startStep), weightDecay: options.WeightDecay);
        Step = startStep;
    }

    /// <summary>Optimiser steps taken so far.</summary>
    public int Step { get; private set; }

    public AdamW Optimizer => _optimizer;

    public UpdateMetrics Update(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages)
    {
        var items = TrainingItems(trajectories, advantages);
        var batches = MiniBatches(items.Select(x => x.Turn.ContextTokens.Length + x.Turn.ActionTokens.Length).ToList(), _options.TokenBudget);
        var reference = _reference is not null && _options.KlCoefficient > 0 ? LogProbsOf(_reference, items, batches) : null;
        var start = _options.ClipAroundCurrentPolicy ? LogProbsOf(_model, items, batches) : null;
        var totals = new double[6];
        var tokens = 0;
        var steps = 0;
        _model.Train();
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            foreach (var batch in batches)
            {
                var (metrics, count) = TrainMiniBatch(items, batch, reference, start);
                for (var m = 0; m < totals.Length; m++)
                {
                    totals[m] += metrics[m] * (m == 4 ? 1 : count);
                }

                tokens += count;
                steps++;
            }
        }

        _model.Eval();
        return new UpdateMetrics(totals[0] / tokens, totals[1] / tokens, totals[2] / tokens, totals[3] / tokens, totals[5] / tokens, totals[4] / Math.Max(1, steps), _optimizer.LearningRate, tokens, steps);
    }

    /// <summary>
    /// Every turn that wrote tokens, with its advantage and its tokens' weight in the loss: 1 for a token-mean; for a
    /// trajectory-mean, the mean action-token count of the trajectories over this trajectory's, so each trajectory
    /// weighs the same however long it ran (at the same overall scale); for a token-mean over successes, 1 for a
    /// success's tokens and the trajectory-mean's weight for a failure's.
    /// </summary>
    private List<TrainingItem> TrainingItems(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages)
    {
        if (trajectories.Count != advantages.Count)
        {
            throw new ArgumentException($"{trajectories.Count} trajectories but {advantages.Count} advantage arrays.", nameof(advantages));
        }

        var counts = trajectories.Select(t => t.ActionTokenCount).ToList();
        var meanCount = counts.Where(c => c > 0).DefaultIfEmpty(1).Average();
        return trajectories.SelectMany((t, i) => t.Turns.Select((turn, j) => new TrainingItem(
                turn,
                advantages[i][j],
                _options.Aggregation == LossAggregation.TrajectoryMean || (_options.Aggregation == LossAggregation.TokenMeanForSuccesses && !t.Success) ? meanCount / counts[i] : 1.0)))
            .Where(x => x.Turn.ActionTokens.Length > 0)
            .ToList();
    }

    /// <summary>
    /// <paramref name="model"/>'s log-probs of every item's action tokens, without gradient: the frozen reference's
    /// (taken once per update: it does not change between epochs) or the policy's as the update starts.
    /// </summary>
    private float[][] LogProbsOf(PolicyModel model, List<TrainingItem> items, List<int[]> batches)
    {
        var result = new float[items.Count][];
        foreach (var batch in batches)
        {
            var scores = TeacherForcing.Score(model, batch.Select(i => items[i].Turn.ContextTokens).ToList(), batch.Select(i => items[i].Turn.ActionTokens).ToList(), _options.Temperature, _paddingToken);
            for (var b = 0; b < batch.Length; b++)
            {
                result[batch[b]] = scores[b].LogProbs;
            }
        }

        return result;
    }

    /// <summary>Runs one mini-batch; returns [loss, kl_ref, kl_old, clip, grad_norm, entropy] and its token count.</summary>
    private (double[] Metrics, int Tokens) TrainMiniBatch(List<TrainingItem> items, int[] batch, float[][]? reference, float[][]? start)
    {
        _optimizer.LearningRate = _options.Schedule.At(Step);
        using var scope = DisposeScope.Begin();
        var contexts = batch.Select(i => items[i].Turn.ContextTokens).ToList();
        var actions = batch.Select(i => items[i].Turn.ActionTokens).ToList();
        var (logProbs, entropy, mask) = TeacherForcing.LogProbTensor(_model, contexts, actions, _options.Temperature, _paddingToken);
        var width = (int)mask.Shape[1];
        var device = _model.Device;
        var old = Tensor.FromArray(RightAligned(batch.Select(i => items[i].Turn.ActionLogProbs).ToList(), width), device, batch.Length, width);
        var advantage = Tensor.FromArray(batch.Select(i => (float)items[i].Advantage).ToArray(), device, batch.Length, 1);
        var weightedMask = mask * Tensor.FromArray(batch.Select(i => (float)items[i].Weight).ToArray(), device, batch.Length, 1);
        var count = mask.Sum().Item();

        var anchor = start is null ? old : Tensor.FromArray(RightAligned(batch.Select(i => start[i]).ToList(), width), device, batch.Length, width);
        var ratio = (logProbs - anchor).Exp();
        var unclipped = ratio * advantage;
        var clipped = ratio.Clamp(1 - _options.ClipEpsilon, 1 + _options.ClipEpsilon) * advantage;
        var surrogate = -unclipped.Minimum(clipped);
        if (start is not null)
        {
            surrogate = surrogate * (anchor - old).Exp().Clamp(0, _options.MaxBehaviourWeight);
        }

        var perToken = surrogate;
        var klToReference = 0.0;
        if (reference is not null)
        {
            var referenceLogProbs = Tensor.FromArray(RightAligned(batch.Select(i => reference[i]).ToList(), width), device, batch.Length, width);
            var difference = referenceLogProbs - logProbs;
            var kl = (difference.Exp() - difference - 1).Clamp(-10, 10);
            perToken = perToken + kl * _options.KlCoefficient;
            klToReference = (kl * weightedMask).Sum().Item() / count;
        }

        var loss = (perToken * weightedMask).Sum() / count - (entropy.Sum() / count) * _options.EntropyCoefficient;
        _optimizer.ZeroGrad();
        loss.Backward();
        var gradientNorm = Gradients.ClipNorm(_model.Parameters(), _options.ClipNorm);
        _optimizer.Step();
        Step++;

        using var noGrad = new NoGrad();
        var surrogateMean = (surrogate * weightedMask).Sum().Item() / count;
        var klToOld = ((old - logProbs) * mask).Sum().Item() / count;
        var clipFraction = ((ratio - 1).Abs().Gt(_options.ClipEpsilon).To(DType.Float32) * mask).Sum().Item() / count;
        var entropyMean = entropy.Sum().Item() / count;
        return ([surrogateMean, klToReference, klToOld, clipFraction, gradientNorm, entropyMean], (int)count);
    }

    /// <summary>
    /// Mini-batches of item indices. Sequences are left-padded to the longest in their batch, so items are grouped by
    /// length (shortest first, ties in the given order) and a batch is filled while rows × longest stays within the
    /// token budget; an item longer than the budget trains alone.
    /// </summary>
    internal static List<int[]> MiniBatches(IReadOnlyList<int> lengths, int tokenBudget)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ThenBy(i => i);
        var batches = new List<int[]>();
        var batch = new List<int>();
        foreach (var index in order)
        {
            // Sorted ascending, so this item is the batch's new longest.
            if (batch.Count > 0 && (batch.Count + 1) * lengths[index] > tokenBudget)
            {
                batches.Add([.. batch]);
                batch.Clear();
            }

            batch.Add(index);
        }

        if (batch.Count > 0)
        {
            batches.Add([.. batch]);
        }

        return batches;
    }

    private static float[] RightAligned(IReadOnlyList<float[]> rows, int width)
    {
        var result = new float[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            rows[r].CopyTo(result, r * width + width - rows[r].Length);
        }

        return result;
    }

    public void Dispose() => _optimizer.Dispose();

    private sealed record TrainingItem(Turn Turn, double Advantage, double Weight);
}
