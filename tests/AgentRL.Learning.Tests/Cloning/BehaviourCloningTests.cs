using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Cloning;

public sealed class BehaviourCloningTests
{
    private static EvaluationReport Evaluate(PolicyModel model, ContextPolicy? context = null) =>
        new Evaluator(new EpisodeRunner(model, context ?? LearningFixture.Context(), new SamplingOptions { Greedy = true, MaxNewTokens = 6 }), () => new EchoEnvironment())
            .Evaluate(TaskSplit.Validation, tasks: 40, samplesPerTask: 1, ks: [1], new DeterministicRandom(1));

    [Fact]
    public void CloningTheExpertTeachesTheTask()
    {
        TorchRuntime.ManualSeed(21);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        var before = Evaluate(model);
        var demonstrations = DemonstrationCollector.Collect(new EchoEnvironment(), LearningFixture.Context(), episodes: 200, actionNoise: 0, new DeterministicRandom(2));

        var losses = BehaviourCloningTrainer.Train(model, demonstrations, new BehaviourCloningOptions { Epochs = 4 }, LearningFixture.Tokenizer.Special.Padding);
        var after = Evaluate(model);

        Assert.Equal(400, demonstrations.Count);
        Assert.True(losses[^1] < losses[0] / 4, $"losses {string.Join(", ", losses)}");
        Assert.True(before.SuccessRate < 0.2, $"untrained success {before.SuccessRate}");
        Assert.True(after.SuccessRate >= 0.9, $"cloned success {after.SuccessRate}");
    }

    [Fact]
    public void ActionNoiseReplacesTheExpertsActionsAtTheGivenRate()
    {
        var context = LearningFixture.Context();
        var clean = DemonstrationCollector.Collect(new EchoEnvironment(), context, 200, 0, new DeterministicRandom(4));
        var noisy = DemonstrationCollector.Collect(new EchoEnvironment(), context, 200, 0.5, new DeterministicRandom(4));

        var changed = clean.Zip(noisy).Count(p => !p.First.Action.SequenceEqual(p.Second.Action));

        // Half are replaced by a random word, which is the expert's word a quarter of the time: ~37.5% differ.
        Assert.InRange(changed / 400.0, 0.28, 0.47);
        Assert.Throws<ArgumentOutOfRangeException>(() => DemonstrationCollector.Collect(new EchoEnvironment(), context, 1, 1.5, new DeterministicRandom(4)));
    }

    [Fact]
    public void RecoveryNoiseExecutesRandomActionsButRecordsTheExpertsChoice()
    {
        var context = LearningFixture.Context();
        var clean = DemonstrationCollector.Collect(new EchoEnvironment(), context, 200, 0, new DeterministicRandom(4));
        var recovering = DemonstrationCollector.Collect(new EchoEnvironment(), context, 200, 0, new DeterministicRandom(4), recoveryNoise: 0.5);

        Assert.Equal(400, recovering.Count);
        Assert.All(clean.Zip(recovering), p => Assert.Equal(p.First.Action, p.Second.Action));
        // A second turn's context shows the word really said: random half the time, and the expert's a quarter of those.
        var changed = clean.Zip(recovering).Count(p => !p.First.Context.SequenceEqual(p.Second.Context));
        Assert.InRange(changed / 200.0, 0.28, 0.47);
        Assert.Throws<ArgumentOutOfRangeException>(() => DemonstrationCollector.Collect(new EchoEnvironment(), context, 1, 0, new DeterministicRandom(4), recoveryNoise: -0.1));
    }

    [Fact]
    public void TheRateWarmsUpThenDecaysToItsFloorAtTheLastStep()
    {
        var options = new BehaviourCloningOptions { Epochs = 2, BatchSize = 10, LearningRate = 1e-3, MinimumLearningRateFraction = 0.05 };

        // 95 demonstrations: 10 batches per epoch, 20 steps, warm-up over the first 2.
        var schedule = BehaviourCloningTrainer.Schedule(options, 95);

        Assert.Equal(5e-4, schedule.At(0), 12);
        Assert.Equal(1e-3, schedule.At(1), 12);
        Assert.Equal(1e-3, schedule.At(2), 12);
        Assert.Equal((5e-5 + 1e-3) / 2, schedule.At(11), 12);
        Assert.Equal(5e-5, schedule.At(20), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => BehaviourCloningTrainer.Train(
            null!, [new Demonstration([1], [2])], options with { MinimumLearningRateFraction = 1.5 }, 0));
    }

    [Fact]
    public void BucketingBatchesTurnsOfSimilarLengthAndStillUsesEveryTurnOncePerEpoch()
    {
        // 200 turns of lengths 1..200 in shuffled order: bucketed batches of 10 in windows of 10 batches pad far less.
        var random = new DeterministicRandom(9);
        var lengths = Enumerable.Range(1, 200).ToList();
        random.Shuffle(lengths);
        var demonstrations = lengths.Select(n => new Demonstration(new int[n], [1])).ToList();
        static int Padded(IEnumerable<int[]> batches, List<Demonstration> turns) => batches.Sum(b => b.Length * b.Max(i => turns[i].Context.Length));
        var options = new BehaviourCloningOptions { BatchSize = 10 };

        var plain = BehaviourCloningTrainer.EpochBatches([.. Enumerable.Range(0, 200)], demonstrations, options, new DeterministicRandom(3));
        var bucketed = BehaviourCloningTrainer.EpochBatches([.. Enumerable.Range(0, 200)], demonstrations, options with { BucketByLength = true, BucketWindow = 10 }, new DeterministicRandom(3));

        Assert.Equal(20, plain.Count);
        Assert.Equal(20, bucketed.Count);
        Assert.Equal(Enumerable.Range(0, 200), bucketed.SelectMany(b => b).Order());
        // Within a window of 100 shuffled turns, a sorted batch spans a tenth of the window's lengths.
        Assert.True(Padded(bucketed, demonstrations) < 0.75 * Padded(plain, demonstrations), $"{Padded(bucketed, demonstrations)} against {Padded(plain, demonstrations)}");
        // Batches are shuffled after bucketing: their maximum lengths do not simply rise through the epoch.
        var maxima = bucketed.Select(b => b.Max(i => demonstrations[i].Context.Length)).ToList();
        Assert.NotEqual(maxima.Order(), maxima);
        Assert.Throws<ArgumentOutOfRangeException>(() => BehaviourCloningTrainer.Train(
            null!, [new Demonstration([1], [2])], options with { BucketWindow = 0 }, 0));
    }

    [Fact]
    public void ContinuingACloneKeepsItsModelAndTokenizerAndReportsEveryEpoch()
    {
        TorchRuntime.ManualSeed(5);
        var options = new BaseModelOptions { Preset = "tiny", Demonstrations = 20, ActionNoise = 0, Epochs = 1, ContextTokens = 64, VocabularySize = 300 };
        var heard = new List<(int Epoch, double Loss)>();
        using var first = BaseModelRecipe.Train(() => new EchoEnvironment(), options, (epoch, loss) => heard.Add((epoch, loss)));
        var model = first.Model;
        var tokenizer = first.Context.Tokenizer;

        var continued = BaseModelRecipe.Continue(() => new EchoEnvironment(), first, options with { Demonstrations = 200, Epochs = 4 }, (epoch, loss) => heard.Add((epoch, loss)));

        Assert.Same(model, continued.Model);
        Assert.Same(tokenizer, continued.Context.Tokenizer);
        Assert.Equal(400, continued.DemonstrationTurns);
        Assert.Equal(5, continued.Losses.Count);
        Assert.Equal([1, 1, 2, 3, 4], heard.Select(h => h.Epoch));
        Assert.Equal(continued.Losses, heard.Select(h => h.Loss));
        Assert.True(continued.Losses[^1] < continued.Losses[0] / 2, $"losses {string.Join(", ", continued.Losses)}");
        Assert.True(Evaluate(continued.Model, continued.Context).SuccessRate >= 0.9);
    }
}
