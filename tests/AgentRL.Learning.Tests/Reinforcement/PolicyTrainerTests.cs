using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class PolicyTrainerTests
{
    internal static readonly BpeTokenizer Tokenizer = new BpeTrainer().Train(
        Enumerable.Repeat("Choose an arm: left or right. The arm paid out. left right", 20), 280);

    internal static ContextPolicy Context => new(Tokenizer, 2, 64);

    /// <summary>A tiny policy cloned from random arms, so it says "left" and "right" about equally often.</summary>
    internal static PolicyModel CoinFlipPolicy()
    {
        TorchRuntime.ManualSeed(31);
        var model = new PolicyModel(PolicyConfig.Tiny(Tokenizer.VocabularySize) with { MaxSequenceLength = 96 });
        var demonstrations = DemonstrationCollector.Collect(new BanditEnvironment(), Context, episodes: 300, actionNoise: 1.0, new DeterministicRandom(5));
        // A constant rate: with the decay, these 30 steps leave even the arm words unlikely (P(left) 0.008).
        BehaviourCloningTrainer.Train(model, demonstrations, new BehaviourCloningOptions { Epochs = 3, MinimumLearningRateFraction = 1 }, Tokenizer.Special.Padding);
        return model;
    }

    private static double ProbabilityOf(PolicyModel model, string arm)
    {
        var prompt = Context.Build([], Context.Encode("Choose an arm: left or right."));
        var score = TeacherForcing.Score(model, [prompt], [Context.EncodeAction(arm)], 1.0, Tokenizer.Special.Padding)[0];
        return Math.Exp(score.LogProbs.Sum());
    }

    internal static IReadOnlyList<Trajectory> Rollouts(PolicyModel model, int count, int seed) =>
        new EpisodeRunner(model, Context, new SamplingOptions { MaxNewTokens = 4 })
            .Run(Enumerable.Range(0, count).Select(_ => ((IEnvironment)new BanditEnvironment(), 0, 0)).ToList(), new DeterministicRandom((ulong)seed));

    [Fact]
    public void PpoWithGrpoAdvantagesMovesProbabilityToTheBetterArm()
    {
        using var model = CoinFlipPolicy();
        using var reference = CoinFlipPolicy();
        var before = ProbabilityOf(model, "left");
        var rightBefore = ProbabilityOf(model, "right");
        var options = new PpoOptions { Schedule = new LearningRateSchedule(2e-3, 0, 1), KlCoefficient = 1e-3, TokenBudget = 2048, Epochs = 4 };
        using var trainer = new PolicyTrainer(model, reference, options, Tokenizer.Special.Padding);
        var estimator = new GrpoAdvantageEstimator();

        UpdateMetrics? last = null;
        for (var iteration = 0; iteration < 40; iteration++)
        {
            var group = Rollouts(model, 16, iteration);
            last = trainer.Update(group, estimator.Estimate(group));
        }

        var after = ProbabilityOf(model, "left");
        Assert.InRange(before, 0.25, 0.75);
        Assert.True(after > 0.75 && after - before > 0.4, $"P(left) went from {before:F3} to {after:F3}");
        Assert.True(ProbabilityOf(model, "right") < rightBefore / 2, "the worse arm lost probability");
        Assert.Equal(before, ProbabilityOf(reference, "left"), 6);
        Assert.True(last!.KlToReference > 0);
        Assert.Equal(160, trainer.Step);
    }

    [Fact]
    public void OnlyActionTokensAreTrainedAndZeroAdvantageLeavesThePolicyUnchanged()
    {
        using var model = CoinFlipPolicy();
        var group = Rollouts(model, 8, 1);
        var before = model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());
        using var trainer = new PolicyTrainer(model, null, new PpoOptions { KlCoefficient = 0, Schedule = new LearningRateSchedule(1e-2, 0, 1) }, Tokenizer.Special.Padding);

        var metrics = trainer.Update(group, group.Select(t => new double[t.Turns.Count]).ToList());

        Assert.Equal(group.Sum(t => t.ActionTokenCount), metrics.Tokens);
        Assert.True(group.Sum(t => t.Turns.Sum(turn => turn.ContextTokens.Length)) > metrics.Tokens);
        Assert.Equal(0, metrics.PolicyLoss, 9);
        Assert.Equal(0, metrics.GradientNorm, 9);
        foreach (var (name, values) in before)
        {
            Assert.Equal(values, model.StateDict()[name].ToArray<float>());
        }
    }

    [Fact]
    public void RatiosStartAtOneBecauseOldLogProbsAreExact()
    {
        using var model = CoinFlipPolicy();
        var group = Rollouts(model, 8, 2);
        using var trainer = new PolicyTrainer(model, null, new PpoOptions { KlCoefficient = 0, TokenBudget = 1 << 20 }, Tokenizer.Special.Padding);

        var metrics = trainer.Update(group, new GrpoAdvantageEstimator().Estimate(group));

        // One mini-batch, evaluated before the step: the recorded log-probs are the policy's own.
        Assert.Equal(1, metrics.MiniBatches);
        Assert.Equal(0, metrics.KlToOld, 4);
        Assert.Equal(0, metrics.ClipFraction);
    }

    [Fact]
    public void ClippingAroundTheCurrentPolicyKeepsTheGradientOfStaleRollouts()
    {
        using var model = CoinFlipPolicy();
        var fresh = Rollouts(model, 8, 4);
        // As if an older policy had sampled these tokens with a third of today's probability: every ratio starts at e.
        var stale = fresh.Select(t => t with { Turns = [.. t.Turns.Select(turn => turn with { ActionLogProbs = [.. turn.ActionLogProbs.Select(p => p - 1f)] })] }).ToList();
        var advantages = fresh.Select(t => Enumerable.Repeat(1.0, t.Turns.Count).ToArray()).ToList();
        PpoOptions Options(bool decoupled) => new() { KlCoefficient = 0, TokenBudget = 1 << 20, ClipAroundCurrentPolicy = decoupled };

        UpdateMetrics Train(IReadOnlyList<Trajectory> rollouts, bool decoupled)
        {
            using var copy = new PolicyModel(model.Config);
            copy.LoadStateDict(model.StateDict());
            using var trainer = new PolicyTrainer(copy, null, Options(decoupled), Tokenizer.Special.Padding);
            return trainer.Update(rollouts, advantages);
        }

        var standard = Train(stale, decoupled: false);
        var decoupled = Train(stale, decoupled: true);
        var onPolicy = (Standard: Train(fresh, decoupled: false), Decoupled: Train(fresh, decoupled: true));

        // The standard clip: every ratio is e > 1 + ε with a positive advantage, so the surrogate is flat.
        Assert.Equal(1, standard.ClipFraction);
        Assert.Equal(0, standard.GradientNorm, 9);
        Assert.Equal(-1.2, standard.PolicyLoss, 5);
        // Decoupled: ratios start at 1 around the current policy; the weight e is capped at 2.
        Assert.Equal(0, decoupled.ClipFraction);
        Assert.True(decoupled.GradientNorm > 0);
        Assert.Equal(-2.0, decoupled.PolicyLoss, 4);
        Assert.Equal(-1.0, decoupled.KlToOld, 4); // the sampling log-probs sit 1 below today's
        // On-policy the two are the same update.
        Assert.Equal(onPolicy.Standard.PolicyLoss, onPolicy.Decoupled.PolicyLoss, 4);
        Assert.Equal(onPolicy.Standard.GradientNorm, onPolicy.Decoupled.GradientNorm, 3);
    }

    [Theory]
    [InlineData(LossAggregation.TokenMean)]
    [InlineData(LossAggregation.TrajectoryMean)]
    [InlineData(LossAggregation.TokenMeanForSuccesses)]
    public void TrajectoryMeanWeighsAShortWinnerAsMuchAsALongLoser(LossAggregation aggregation)
    {
        using var model = CoinFlipPolicy();
        var rollouts = Rollouts(model, 2, 3);
        var shortWinner = rollouts[0] with { Turns = [rollouts[0].Turns[0]], Success = true };
        var longLoser = rollouts[1] with { Turns = [.. Enumerable.Repeat(rollouts[1].Turns[0], 3)], Success = false };
        var (a, b) = (shortWinner.ActionTokenCount, longLoser.ActionTokenCount);
        using var trainer = new PolicyTrainer(model, null, new PpoOptions { KlCoefficient = 0, TokenBudget = 1 << 20, Aggregation = aggregation }, Tokenizer.Special.Padding);

        var metrics = trainer.Update([shortWinner, longLoser], [[1.0], [-1.0, -1.0, -1.0]]);

        // At ratio 1 the surrogate of a token is −A. Token-mean: (−a + b) / (a + b). Trajectory-mean: each trajectory's
        // tokens share the same total weight, so +1 and −1 cancel. Token-mean over successes: the winner's a tokens weigh
        // 1 each, the loser weighs as one mean trajectory, (a + b) / 2 tokens' worth.
        var expected = aggregation switch
        {
            LossAggregation.TokenMean => (double)(b - a) / (a + b),
            LossAggregation.TokenMeanForSuccesses => (b - a) / (2.0 * (a + b)),
            _ => 0,
        };
        Assert.Equal(expected, metrics.PolicyLoss, 5);
        Assert.Equal(a + b, metrics.Tokens);
    }

    [Fact]
    public void MiniBatchesGroupSimilarLengthsWithinThePaddedTokenBudget()
    {
        int[] lengths = [30, 10, 31, 12, 11, 100, 29];

        var batches = PolicyTrainer.MiniBatches(lengths, 64);

        // Shortest first: 10, 11, 12 pad to 12 (3 × 12 ≤ 64, adding 29 would make 4 × 29); 29, 30 fit (2 × 30);
        // 31 starts a batch; 100 is over the budget and trains alone.
        Assert.Equal([[1, 4, 3], [6, 0], [2], [5]], batches);
        Assert.All(batches.Where(b => b.Length > 1), b => Assert.True(b.Length * b.Max(i => lengths[i]) <= 64));
    }

    [Fact]
    public void AKlCoefficientWithoutAReferenceIsRejected()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny(Tokenizer.VocabularySize) with { MaxSequenceLength = 96 });

        Assert.Throws<ArgumentException>(() => new PolicyTrainer(model, null, new PpoOptions { KlCoefficient = 0.1 }, 0));
    }
}
