using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;
using AgentRL.Torch.Optim;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// The policy update shared by every algorithm: the clipped surrogate on action tokens (observation tokens never get
/// loss) with each turn's advantage, plus β·KL(k3) to a frozen reference, aggregated as a token-mean per mini-batch;
/// mini-batches are filled up to a token budget; gradients are clipped; the learning rate follows a schedule.
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
        var items = trajectories.SelectMany((t, i) => t.Turns.Select((turn, j) => (Turn: turn, Advantage: advantages[i][j])))
            .Where(x => x.Turn.ActionTokens.Length > 0)
            .ToList();
        var totals = new double[6];
        var tokens = 0;
        var batches = 0;
        _model.Train();
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            foreach (var batch in MiniBatches(items))
            {
                var (metrics, count) = TrainMiniBatch(batch);
                for (var m = 0; m < totals.Length; m++)
                {
                    totals[m] += metrics[m] * (m == 4 ? 1 : count);
                }

                tokens += count;
                batches++;
            }
        }

        _model.Eval();
        return new UpdateMetrics(totals[0] / tokens, totals[1] / tokens, totals[2] / tokens, totals[3] / tokens, totals[5] / tokens, totals[4] / Math.Max(1, batches), _optimizer.LearningRate, tokens, batches);
    }

    /// <summary>Runs one mini-batch; returns [loss, kl_ref, kl_old, clip, grad_norm, entropy] and its token count.</summary>
    private (double[] Metrics, int Tokens) TrainMiniBatch(IReadOnlyList<(Turn Turn, double Advantage)> batch)
    {
        _optimizer.LearningRate = _options.Schedule.At(Step);
        using var scope = DisposeScope.Begin();
        var contexts = batch.Select(b => b.Turn.ContextTokens).ToList();
        var actions = batch.Select(b => b.Turn.ActionTokens).ToList();
        var (logProbs, entropy, mask) = TeacherForcing.LogProbTensor(_model, contexts, actions, _options.Temperature, _paddingToken);
        var width = (int)mask.Shape[1];
        var old = Tensor.FromArray(RightAligned(batch.Select(b => b.Turn.ActionLogProbs).ToList(), width), batch.Count, width);
        var advantage = Tensor.FromArray(batch.Select(b => (float)b.Advantage).ToArray(), batch.Count, 1);
        var count = mask.Sum().Item();

        var ratio = (logProbs - old).Exp();
        var unclipped = ratio * advantage;
        var clipped = ratio.Clamp(1 - _options.ClipEpsilon, 1 + _options.ClipEpsilon) * advantage;
        var surrogate = -unclipped.Minimum(clipped);
        var perToken = surrogate;
        var klToReference = 0.0;
        if (_reference is not null && _options.KlCoefficient > 0)
        {
            Tensor referenceLogProbs;
            using (new NoGrad())
            {
                referenceLogProbs = TeacherForcing.LogProbTensor(_reference, contexts, actions, _options.Temperature, _paddingToken).LogProbs;
            }

            var difference = referenceLogProbs - logProbs;
            var kl = (difference.Exp() - difference - 1).Clamp(-10, 10);
            perToken = perToken + kl * _options.KlCoefficient;
            klToReference = (kl * mask).Sum().Item() / count;
        }

        var loss = (perToken * mask).Sum() / count - (entropy.Sum() / count) * _options.EntropyCoefficient;
        _optimizer.ZeroGrad();
        loss.Backward();
        var gradientNorm = Gradients.ClipNorm(_model.Parameters(), _options.ClipNorm);
        _optimizer.Step();
        Step++;

        using var noGrad = new NoGrad();
        var surrogateMean = (surrogate * mask).Sum().Item() / count;
        var klToOld = ((old - logProbs) * mask).Sum().Item() / count;
        var clipFraction = ((ratio - 1).Abs().Gt(_options.ClipEpsilon).To(DType.Float32) * mask).Sum().Item() / count;
        var entropyMean = entropy.Sum().Item() / count;
        return ([surrogateMean, klToReference, klToOld, clipFraction, gradientNorm, entropyMean], (int)count);
    }

    private IEnumerable<List<(Turn Turn, double Advantage)>> MiniBatches(List<(Turn Turn, double Advantage)> items)
    {
        var batch = new List<(Turn, double)>();
        var tokens = 0;
        foreach (var item in items)
        {
            var size = item.Turn.ContextTokens.Length + item.Turn.ActionTokens.Length;
            if (batch.Count > 0 && tokens + size > _options.TokenBudget)
            {
                yield return batch;
                batch = [];
                tokens = 0;
            }

            batch.Add(item);
            tokens += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
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
}
