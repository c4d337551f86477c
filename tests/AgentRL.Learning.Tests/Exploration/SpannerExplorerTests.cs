using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tests.Reinforcement;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Exploration;

public sealed class SpannerExplorerTests
{
    [Fact]
    public void SpanningCandidatesFindTheRareGoodArmThatAsManyIndependentSamplesMiss()
    {
        // A model cloned to answer "right" nine times in ten: the paying arm, "left", has low but real coverage.
        TorchRuntime.ManualSeed(4);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        var padding = LearningFixture.Tokenizer.Special.Padding;
        var context = LearningFixture.Context();
        var prompt = context.Build([], context.Encode(new BanditEnvironment().Reset(0).Observation));
        var demonstrations = Enumerable.Range(0, 200).Select(i => new Demonstration(prompt, context.EncodeAction(i % 10 == 0 ? "left" : "right"))).ToList();
        BehaviourCloningTrainer.Train(model, demonstrations, new BehaviourCloningOptions { Epochs = 30 }, padding);
        model.Eval();
        var sampling = new SamplingOptions { MaxNewTokens = 4 };
        var explorer = new SpannerExplorer(model, context, sampling, new ActionFeatures(model, 16, padding), new SpannerOptions { Candidates = 16, Branches = 2 });

        var spanner = Enumerable.Range(0, 40).Select(i => explorer.Explore(new BanditEnvironment(), 0, 0, new DeterministicRandom((ulong)i))).ToList();
        // The same environment budget spent on independent samples: two draws, success if either is "left".
        var stops = new HashSet<int> { context.Tokenizer.Special.EndOfAction };
        var independent = Enumerable.Range(0, 40).Select(i => PolicySampler.Generate(model, [prompt, prompt], sampling with { StopTokens = stops, PaddingToken = padding }, new DeterministicRandom(100 + (ulong)i))
            .Any(g => context.ActionText(g.Tokens).Trim() == "left")).ToList();

        Assert.All(spanner, o =>
        {
            // One state, sixteen model samples, at most two of them tried in the environment, one turn.
            Assert.Equal(16, o.OracleCalls);
            Assert.InRange(o.EnvironmentCalls, 1, 2);
            Assert.Equal(1, o.Turns);
            Assert.Equal(o.Success, o.Actions.SequenceEqual(["left"]));
        });
        var (spannerRate, independentRate) = (spanner.Average(o => o.Success ? 1.0 : 0.0), independent.Average(s => s ? 1.0 : 0.0));
        Assert.True(spannerRate >= 0.5 && spannerRate > independentRate + 0.2, $"spanner {spannerRate:P0}, independent {independentRate:P0}");
    }
}
