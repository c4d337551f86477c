using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class OprlTests
{
    private static readonly int Padding = PolicyTrainerTests.Tokenizer.Special.Padding;

    /// <summary>A hand-built rollout: one turn per step, the given score; success when the score is positive.</summary>
    private static Trajectory Rollout(double score, int turns) => new("test", 0, 0,
        Enumerable.Range(0, turns).Select(_ => new Turn([1], [2], [-0.5f], "a", "o", 0, true, "c")).ToList(), score, score > 0, 0);

    [Fact]
    public void PairsAreEverySuccessWithEveryFailureOfTheGroup()
    {
        var group = new[] { Rollout(1, 1), Rollout(0, 1), Rollout(0.5, 1), Rollout(0, 1), Rollout(0, 1) };

        Assert.Equal([(0, 1), (0, 3), (0, 4), (2, 1), (2, 3), (2, 4)], TrajectoryPairs.SuccessFailure(group));
        Assert.Empty(TrajectoryPairs.SuccessFailure([Rollout(1, 1), Rollout(0.2, 2)]));
        Assert.Empty(TrajectoryPairs.SuccessFailure([Rollout(0, 1), Rollout(0, 2)]));
    }

    [Fact]
    public void AdvantagesAddLeaveOneOutEpisodeAndStepAdvantages()
    {
        // Episode scores 0.8, 0, 0: leave-one-out gives 0.8, −0.4, −0.4. The six step rewards sum to 0.5, so step r gets
        // r − (0.5 − r) / 5: 0.5 → 0.5, −0.5 → −0.7, 1 → 1.1, 0 → −0.1, −1 → −1.3, 0.5 → 0.5.
        var group = new[] { Rollout(0.8, 2), Rollout(0, 1), Rollout(0, 3) };
        double[][] steps = [[0.5, -0.5], [1.0], [0, -1.0, 0.5]];

        var advantages = OprlAdvantageEstimator.Advantages(group, steps, stepWeight: 1);
        var doubled = OprlAdvantageEstimator.Advantages(group, steps, stepWeight: 2);

        var tolerance = new ToleranceComparer(1e-12);
        Assert.Equal([1.3, 0.1], advantages[0], tolerance);
        Assert.Equal([0.7], advantages[1], tolerance);
        Assert.Equal([-0.5, -1.7, 0.1], advantages[2], tolerance);
        Assert.Equal([-0.4 + 2 * 1.1], doubled[1], tolerance);
        Assert.Throws<ArgumentException>(() => OprlAdvantageEstimator.Advantages(group, [[0.5], [1.0], [0, 0, 0]], 1));
    }

    [Fact]
    public void StepRewardsAreBetaTimesTheLogRatioAgainstTheRecordedLogProbs()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        var rollouts = PolicyTrainerTests.Rollouts(policy, 6, 3);
        // As if the rollouts had been sampled by a policy that gave each token probability e^-1.5.
        var recorded = rollouts.Select(t => t with { Turns = [.. t.Turns.Select(turn => turn with { ActionLogProbs = [.. turn.ActionLogProbs.Select(_ => -1.5f)] })] }).ToList();
        using var model = ImplicitProcessRewardModel.InitialisedFrom(policy, new OprlOptions { Beta = 0.1 }, Padding);

        var onPolicy = model.StepRewards(rollouts);
        var offPolicy = model.StepRewards(recorded);

        // A copy of the sampling policy gives every step reward 0 on the policy's own rollouts.
        Assert.All(onPolicy.SelectMany(r => r), r => Assert.Equal(0, r, 5));
        for (var i = 0; i < recorded.Count; i++)
        {
            var turn = recorded[i].Turns[0];
            var direct = TeacherForcing.Score(policy, [turn.ContextTokens], [turn.ActionTokens], 1.0, Padding)[0].LogProbs.Sum(p => (double)p);
            Assert.Equal(0.1 * (direct + 1.5 * turn.ActionTokens.Length), offPolicy[i][0], 5);
        }
    }

    [Fact]
    public void TheRewardModelLearnsToRankSuccessesAboveFailures()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        using var model = ImplicitProcessRewardModel.InitialisedFrom(policy, new OprlOptions { LearningRate = 3e-3 }, Padding);
        var heldOut = Enumerable.Range(0, 4).Select(g => (IReadOnlyList<Trajectory>)PolicyTrainerTests.Rollouts(policy, 8, 100 + g)).ToList();
        double Accuracy() => Pairs(heldOut).Average(p => ImplicitProcessRewardModel.Score(model.StepRewards([p.Success])[0]) > ImplicitProcessRewardModel.Score(model.StepRewards([p.Failure])[0]) ? 1.0 : 0.0);

        var before = heldOut.SelectMany(g => model.StepRewards(g)).SelectMany(r => r).ToList();
        var updates = new List<ProcessRewardUpdate>();
        for (var iteration = 0; iteration < 12; iteration++)
        {
            updates.Add(model.Update([PolicyTrainerTests.Rollouts(policy, 8, iteration), PolicyTrainerTests.Rollouts(policy, 8, 50 + iteration)]));
        }

        // Untrained, it is a copy of the policy: every step reward is 0 (up to float rounding), every pair a coin flip.
        Assert.All(before, r => Assert.Equal(0, r, 5));
        Assert.Equal(Math.Log(2), updates[0].Loss, 4);
        Assert.True(Accuracy() > 0.9, $"held-out pair accuracy {Accuracy():P0}");
        Assert.True(updates[^1].Loss < updates[0].Loss - 0.1, $"pair loss {updates[0].Loss:F4} -> {updates[^1].Loss:F4}");
        Assert.True(updates[^1].PairAccuracy > 0.9, $"pair accuracy before the last step {updates[^1].PairAccuracy:P0}");
        Assert.Equal(12, model.Steps);
    }

    [Fact]
    public void GroupsWithoutBothOutcomesLeaveTheRewardModelUnchanged()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        using var model = ImplicitProcessRewardModel.InitialisedFrom(policy, new OprlOptions { LearningRate = 1e-2 }, Padding);
        var rollouts = PolicyTrainerTests.Rollouts(policy, 16, 7);
        var before = model.Model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());

        var update = model.Update([rollouts.Where(t => t.Success).ToList(), rollouts.Where(t => !t.Success).ToList()]);

        Assert.Equal(new ProcessRewardUpdate(0, 0, 0), update);
        Assert.Equal(0, model.Steps);
        foreach (var (name, values) in before)
        {
            Assert.Equal(values, model.Model.StateDict()[name].ToArray<float>());
        }
    }

    [Fact]
    public void TheEstimatorLearnsBeforeItScoresAndRescalesStepRewardsToAtMostOne()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        using var estimator = (OprlAdvantageEstimator)AdvantageEstimators.CreateLearned(AdvantageEstimators.Oprl, policy, new SamplingOptions { PaddingToken = Padding }, new OprlOptions { LearningRate = 3e-3 });
        var group = PolicyTrainerTests.Rollouts(policy, 8, 11);
        Assert.Contains(group, t => t.Success);
        Assert.Contains(group, t => !t.Success);

        Assert.Throws<InvalidOperationException>(() => estimator.Estimate(group));
        var diagnostics = estimator.Learn([group]);
        var advantages = estimator.Estimate(group);

        var pairs = TrajectoryPairs.SuccessFailure(group).Count;
        Assert.Equal(pairs, diagnostics["prm_pairs"]);
        Assert.Equal(Math.Log(2), diagnostics["prm_loss"], 4);
        Assert.True(diagnostics["prm_step_reward_max"] > 0);
        // After its step the model rewards the successes' "left" and penalises the failures' "right", so with the
        // episode advantage every success is ahead of every failure.
        var successes = group.Select((t, i) => (t, i)).Where(x => x.t.Success).Select(x => advantages[x.i][0]).ToList();
        var failures = group.Select((t, i) => (t, i)).Where(x => !x.t.Success).Select(x => advantages[x.i][0]).ToList();
        Assert.True(successes.Min() > failures.Max());
        var episode = GroupBaselines.LeaveOneOut(group.Select(t => t.Score).ToList());
        var stepParts = advantages.Select((a, i) => a[0] - episode[i]).ToList();
        Assert.All(stepParts, s => Assert.InRange(Math.Abs(s), 0, 2 + 1e-9));
        Assert.Contains(stepParts, s => Math.Abs(s) > 0.5);
    }

    [Fact]
    public void ASavedRewardModelLoadsWithTheSameWeightsAndSteps()
    {
        using var policy = PolicyTrainerTests.CoinFlipPolicy();
        using var model = ImplicitProcessRewardModel.InitialisedFrom(policy, new OprlOptions { LearningRate = 3e-3 }, Padding);
        model.Update([PolicyTrainerTests.Rollouts(policy, 8, 1)]);
        var folder = Path.Combine(Path.GetTempPath(), "agentrl-prm-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(folder, PolicyTrainerTests.Tokenizer);
            using var loaded = ImplicitProcessRewardModel.Load(folder, new OprlOptions { LearningRate = 3e-3 }, Padding, Device.Cpu);
            var probe = PolicyTrainerTests.Rollouts(policy, 8, 2);
            var next = PolicyTrainerTests.Rollouts(policy, 8, 3);

            Assert.Equal(model.Steps, loaded.Steps);
            Assert.Equal(model.StepRewards(probe), loaded.StepRewards(probe));
            // The optimiser state came along: the next step moves both alike.
            model.Update([next]);
            loaded.Update([next]);
            Assert.Equal(model.StepRewards(probe), loaded.StepRewards(probe));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<(Trajectory Success, Trajectory Failure)> Pairs(IEnumerable<IReadOnlyList<Trajectory>> groups) =>
        groups.SelectMany(g => TrajectoryPairs.SuccessFailure(g).Select(p => (g[p.Success], g[p.Failure])));
}
