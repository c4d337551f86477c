using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Evaluation;

public sealed class CoverageTests
{
    [Fact]
    public void DistributionsHaveTheHandComputedMeanQuantilesAndShares()
    {
        var distribution = CoverageDistribution.Of([0.0005, 0.9, 0.02, 0.2, 0.6]);

        Assert.Equal(0.3441, distribution.Mean, 12);
        // Sorted: 0.0005, 0.02, 0.2, 0.6, 0.9; the 0.1 quantile lies 0.4 of the way from the first to the second.
        Assert.Equal([(0.1, 0.0005 + (0.4 * 0.0195)), (0.25, 0.02), (0.5, 0.2), (0.75, 0.6), (0.9, 0.6 + (0.6 * 0.3))],
            distribution.Quantiles.Select(q => (q.Quantile, Math.Round(q.Value, 12))));
        Assert.Equal([(0.5, 0.4), (0.1, 0.6), (0.01, 0.8), (0.001, 0.8)], distribution.AtLeast);
        Assert.Equal(0.2, distribution.Median);
    }

    [Fact]
    public void CoverageIsTheModelsProbabilityOfEachExpertTokenAndOfWholeActions()
    {
        TorchRuntime.ManualSeed(8);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var padding = LearningFixture.Tokenizer.Special.Padding;
        var states = DemonstrationCollector.Collect(new EchoEnvironment(), LearningFixture.Context(), episodes: 3, actionNoise: 0, new DeterministicRandom(1), TaskSplit.Validation);

        var report = Coverage.Measure(model, padding, states);

        // Directly: a forward pass over context + expert prefix, softmax of the last position, the next expert token's share.
        var tokenProbabilities = new List<double>();
        var actionProbabilities = new List<double>();
        foreach (var state in states)
        {
            var product = 1.0;
            for (var i = 0; i < state.Action.Length; i++)
            {
                var sequence = state.Context.Concat(state.Action.Take(i)).Select(t => (long)t).ToArray();
                using var logits = model.Forward(Tensor.FromArray(sequence, 1, sequence.Length));
                using var last = logits.Narrow(1, sequence.Length - 1, 1).Softmax(-1);
                var p = (double)last.ToArray<float>()[state.Action[i]];
                tokenProbabilities.Add(p);
                product *= p;
            }

            actionProbabilities.Add(product);
        }

        Assert.Equal((6, tokenProbabilities.Count), (report.States, report.Tokens));
        Assert.Equal(tokenProbabilities.Average(), report.TokenLevel.Mean, 4);
        Assert.Equal(actionProbabilities.Average(), report.SequenceLevel.Mean, 4);
        Assert.Equal(actionProbabilities.Average(p => 1 - Math.Pow(1 - p, 8)), report.HitProbabilities.Single(h => h.K == 8).Probability, 4);
    }

    [Fact]
    public void CloningRaisesCoverageOfTheExpertsActions()
    {
        TorchRuntime.ManualSeed(21);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        var padding = LearningFixture.Tokenizer.Special.Padding;
        var states = DemonstrationCollector.Collect(new EchoEnvironment(), LearningFixture.Context(), 20, 0, new DeterministicRandom(1), TaskSplit.Validation);
        var before = Coverage.Measure(model, padding, states);

        BehaviourCloningTrainer.Train(model, DemonstrationCollector.Collect(new EchoEnvironment(), LearningFixture.Context(), 200, 0, new DeterministicRandom(2)),
            new BehaviourCloningOptions { Epochs = 4 }, padding);
        model.Eval();
        var after = Coverage.Measure(model, padding, states);

        Assert.True(before.SequenceLevel.Median < 0.01, $"untrained median {before.SequenceLevel.Median}");
        Assert.True(after.SequenceLevel.Median > 0.5, $"cloned median {after.SequenceLevel.Median}");
        Assert.True(after.TokenLevel.Mean > before.TokenLevel.Mean);
        Assert.Throws<ArgumentException>(() => Coverage.Measure(model, padding, []));
    }
}
