using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Ppo;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class PpoValueBaselineTests
{
    private static readonly ToleranceComparer Tolerance = new(1e-12);

    private static SamplingOptions Sampling => new() { PaddingToken = PolicyTrainerTests.Tokenizer.Special.Padding };

    [Fact]
    public void GaeAccumulatesDiscountedTdErrorsFromTheLastTurnBack()
    {
        // δ2 = 1 − 0.8 = 0.2; δ1 = 0.9·0.8 − 0.5 = 0.22; δ0 = 0.9·0.5 − 0.2 = 0.25; γλ = 0.45.
        var advantages = ValueBaselineAdvantageEstimator.Gae([0, 0, 1], [0.2, 0.5, 0.8], discount: 0.9, lambda: 0.5);

        Assert.Equal([0.25 + 0.45 * (0.22 + 0.45 * 0.2), 0.22 + 0.45 * 0.2, 0.2], advantages, Tolerance);
        // λ = γ = 1: the return minus the value.
        Assert.Equal([0.8, 0.5, 0.2], ValueBaselineAdvantageEstimator.Gae([0, 0, 1], [0.2, 0.5, 0.8], 1, 1), Tolerance);
        Assert.Throws<ArgumentException>(() => ValueBaselineAdvantageEstimator.Gae([0, 1], [0.5], 1, 1));
    }

    [Fact]
    public void TheValueModelLearnsTheMeanScoreFromAStateAndCreditsBetterArmsAboveIt()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        var rollouts = PolicyTrainerTests.Rollouts(policy, 16, 4);
        var mean = rollouts.Average(t => t.Score);
        var options = new ValueBaselineOptions { LearningRate = 3e-3, EpochsPerUpdate = 4 };
        using var estimator = (ValueBaselineAdvantageEstimator)AdvantageEstimators.CreateLearned(AdvantageEstimators.Ppo, policy, Sampling, ppo: options);

        IReadOnlyDictionary<string, double> diagnostics = new Dictionary<string, double>();
        for (var update = 0; update < 25; update++)
        {
            diagnostics = estimator.Learn([rollouts]);
        }

        // Every rollout starts from the same prompt, so the best value is the mean score (1 for left, 0.2 for right).
        var start = estimator.Values([rollouts[0].Turns[0].ContextTokens])[0];
        Assert.Equal(mean, start, 0.05);
        Assert.True(diagnostics["value_loss"] < 0.3, $"value loss {diagnostics["value_loss"]}");
        var advantages = estimator.Estimate(rollouts);
        for (var i = 0; i < rollouts.Count; i++)
        {
            Assert.Equal(Math.Sign(rollouts[i].Score - mean), Math.Sign(advantages[i][0]));
        }

        Assert.Equal(25, estimator.Updates);
    }

    [Fact]
    public void ASavedValueModelLoadsWithItsOptimiserAndUpdateCount()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        var rollouts = PolicyTrainerTests.Rollouts(policy, 8, 5);
        using var estimator = (ValueBaselineAdvantageEstimator)AdvantageEstimators.CreateLearned(AdvantageEstimators.Ppo, policy, Sampling);
        estimator.Learn([rollouts]);
        var folder = Directory.CreateTempSubdirectory("agentrl-ppo-");
        try
        {
            estimator.Save(folder.FullName, PolicyTrainerTests.Tokenizer);
            using var loaded = (ValueBaselineAdvantageEstimator)AdvantageEstimators.CreateLearned(AdvantageEstimators.Ppo, policy, Sampling, savedIn: folder.FullName);

            var states = rollouts.Select(t => t.Turns[0].ContextTokens).ToList();
            Assert.Equal(estimator.Updates, loaded.Updates);
            Assert.Equal(estimator.Values(states), loaded.Values(states));
            // Same weights and optimiser moments: the next update moves both alike.
            estimator.Learn([rollouts]);
            loaded.Learn([rollouts]);
            Assert.Equal(estimator.Values(states), loaded.Values(states));

            File.Delete(Path.Combine(folder.FullName, "optimizer.safetensors"));
            Assert.Contains("optimizer.safetensors", Assert.Throws<InvalidDataException>(() => ValueBaselineAdvantageEstimator.Load(folder.FullName, policy, new ValueBaselineOptions(), 0)).Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
