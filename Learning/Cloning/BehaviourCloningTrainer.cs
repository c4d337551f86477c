using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Optim;

namespace AgentRL.Learning.Cloning;

/// <summary>
/// Supervised fine-tuning on demonstrations: the mean negative log-likelihood of the action tokens given their
/// context (context tokens are never trained on), AdamW with gradient clipping, shuffled mini-batches.
/// </summary>
public static class BehaviourCloningTrainer
{
    /// <summary>Trains <paramref name="model"/> in place; returns the mean loss of each epoch.</summary>
    public static List<double> Train(PolicyModel model, IReadOnlyList<Demonstration> demonstrations, BehaviourCloningOptions options, int paddingToken)
    {
        if (demonstrations.Count == 0)
        {
            throw new ArgumentException("There are no demonstrations to learn from.", nameof(demonstrations));
        }

        model.Train();
        using var optimizer = new AdamW(model.Parameters(), options.LearningRate, weightDecay: options.WeightDecay);
        var random = new DeterministicRandom(options.Seed);
        var losses = new List<double>();
        var order = Enumerable.Range(0, demonstrations.Count).ToList();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var total = 0.0;
            var batches = 0;
            for (var start = 0; start < order.Count; start += options.BatchSize)
            {
                var batch = order.Skip(start).Take(options.BatchSize).Select(i => demonstrations[i]).ToList();
                using var scope = DisposeScope.Begin();
                optimizer.ZeroGrad();
                var (logProbs, _, mask) = TeacherForcing.LogProbTensor(model, batch.Select(d => d.Context).ToList(), batch.Select(d => d.Action).ToList(), 1.0, paddingToken);
                var loss = -logProbs.Sum() / mask.Sum();
                loss.Backward();
                Gradients.ClipNorm(model.Parameters(), options.ClipNorm);
                optimizer.Step();
                total += loss.Item();
                batches++;
            }

            losses.Add(total / batches);
        }

        model.Eval();
        return losses;
    }
}
