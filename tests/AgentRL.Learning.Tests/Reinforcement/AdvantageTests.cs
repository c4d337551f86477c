using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Igpo;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class AdvantageTests
{
    private static Trajectory WithRewards(params double[] rewards) => Scored(0, rewards);

    private static Trajectory Scored(double score, params double[] rewards) => new("test", 0, 0,
        rewards.Select(r => new Turn([1], [2], [-0.5f], "a", "o", r, true, "k")).ToList(), score, score == 1, 0);

    [Fact]
    public void GroupBaselinesMatchHandComputedValues()
    {
        double[] scores = [1, 0, 0, 1];

        Assert.Equal([0.5, -0.5, -0.5, 0.5], GroupBaselines.MeanNormalised(scores));
        var std = GroupBaselines.MeanStdNormalised(scores);
        Assert.Equal(0.5 / (0.5 + 1e-6), std[0], 12);
        Assert.Equal(-0.5 / (0.5 + 1e-6), std[1], 12);
        var rloo = GroupBaselines.LeaveOneOut([3.0, 1.0, 2.0]);
        Assert.Equal([1.5, -1.5, 0], rloo);
        Assert.Equal([0.0], GroupBaselines.MeanStdNormalised([7.0]));
    }

    [Fact]
    public void GrpoGivesEveryTurnItsEpisodesNormalisedReturn()
    {
        // Returns 1.5, 0 and 0.3: mean 0.6, population std sqrt(((0.9)^2 + (0.6)^2 + (0.3)^2) / 3) = sqrt(0.42).
        var group = new[] { WithRewards(0.5, 1.0), WithRewards(0.0), WithRewards(0.1, 0.1, 0.1) };

        var advantages = new GrpoAdvantageEstimator(reward: EpisodeReward.Return).Estimate(group);

        var std = Math.Sqrt(0.42);
        Assert.Equal(2, advantages[0].Length);
        Assert.Single(advantages[1]);
        Assert.Equal(3, advantages[2].Length);
        Assert.All(advantages[0], a => Assert.Equal(0.9 / (std + 1e-6), a, 9));
        Assert.Equal(-0.6 / (std + 1e-6), advantages[1][0], 9);
        Assert.All(advantages[2], a => Assert.Equal(-0.3 / (std + 1e-6), a, 9));
    }

    [Fact]
    public void GrpoWithoutStdScalingOnlyCentresTheReturns()
    {
        // Returns −0.1, 0 and 0 (two failures, one with an invalid action): mean −1/30.
        var group = new[] { WithRewards(0, -0.1), WithRewards(0), WithRewards(0, 0, 0) };

        var advantages = new GrpoAdvantageEstimator(scaleByStd: false, reward: EpisodeReward.Return).Estimate(group);

        Assert.All(advantages[0], a => Assert.Equal(-0.1 + 1.0 / 30, a, 12));
        Assert.Equal(1.0 / 30, advantages[1][0], 12);
        Assert.All(advantages[2], a => Assert.Equal(1.0 / 30, a, 12));
    }

    [Fact]
    public void GrpoBySuccessIgnoresHowLongTheSuccessesTook()
    {
        // Scores 0.9 and 0.2 (a short and a long success) and 0: by score the long success sits below the group's mean,
        // by success both successes get (1 − 2/3).
        var group = new[] { Scored(0.9, 0) with { Success = true }, Scored(0.2, 0, 0) with { Success = true }, Scored(0, 0) };

        var bySuccess = new GrpoAdvantageEstimator(scaleByStd: false, reward: EpisodeReward.Success).Estimate(group);
        var byScore = new GrpoAdvantageEstimator(scaleByStd: false).Estimate(group);

        Assert.Equal(1 - 2.0 / 3, bySuccess[0][0], 12);
        Assert.All(bySuccess[1], a => Assert.Equal(1 - 2.0 / 3, a, 12));
        Assert.Equal(-2.0 / 3, bySuccess[2][0], 12);
        Assert.Equal(0.2 - 1.1 / 3, byScore[1][0], 12);
        Assert.True(byScore[1][0] < 0);
    }

    [Fact]
    public void GrpoComparesScoresSoStepPenaltiesAloneCarryNoSignal()
    {
        // Three failures (score 0) that differ only in invalid-action penalties, and the same with one success.
        var failures = new[] { Scored(0, 0, -0.1), Scored(0, -0.1, -0.1, 0), Scored(0, 0) };
        var withSuccess = new[] { Scored(0, 0, -0.1), Scored(0.8, -0.1, 0.8), Scored(0, 0) };

        var byScore = new GrpoAdvantageEstimator();
        var byReturn = new GrpoAdvantageEstimator(reward: EpisodeReward.Return);

        Assert.Equal(EpisodeReward.Score, byScore.Reward);
        Assert.All(byScore.Estimate(failures).SelectMany(a => a), a => Assert.Equal(0, a));
        // Returns −0.1, −0.2 and 0: mean −0.1, population std sqrt(0.02 / 3).
        Assert.Equal(-0.1 / (Math.Sqrt(0.02 / 3) + 1e-6), byReturn.Estimate(failures)[1][0], 9);

        // Scores 0, 0.8, 0: mean 0.8/3, population std 0.8·sqrt(2)/3.
        var advantages = byScore.Estimate(withSuccess);
        var std = 0.8 * Math.Sqrt(2) / 3;
        Assert.All(advantages[1], a => Assert.Equal((0.8 - 0.8 / 3) / (std + 1e-6), a, 9));
        Assert.Equal(-(0.8 / 3) / (std + 1e-6), advantages[0][0], 9);
    }

    [Fact]
    public void AllEqualGroupsCollapseToZeroAdvantage()
    {
        var advantages = new GrpoAdvantageEstimator().Estimate([WithRewards(1), WithRewards(1), WithRewards(1)]);

        Assert.All(advantages.SelectMany(a => a), a => Assert.Equal(0, a));
    }

    [Fact]
    public void DynamicSamplingDropsRolloutsWithoutAdvantageAndKeepsTheRestInOrder()
    {
        var collapsed = new[] { Scored(1, 1), Scored(1, 1) };
        var mixed = new[] { Scored(0, 0), Scored(1, 1), Scored(1, 1) };
        var estimator = new GrpoAdvantageEstimator();
        var advantages = estimator.Estimate(collapsed).Concat(estimator.Estimate(mixed)).ToList();
        // A turn-level estimator may give signal to one turn only: that rollout stays.
        var turnLevel = WithRewards(0, 0);
        advantages.Add([0.0, 0.25]);

        var (kept, keptAdvantages) = DynamicSampling.DropUninformative([.. collapsed, .. mixed, turnLevel], advantages);

        Assert.Equal([mixed[0], mixed[1], mixed[2], turnLevel], kept);
        Assert.Equal(advantages.Skip(2), keptAdvantages);
        Assert.Throws<ArgumentException>(() => DynamicSampling.DropUninformative(collapsed, advantages));
    }

    [Fact]
    public void TheScheduleWarmsUpThenDecaysToItsFloor()
    {
        var schedule = new LearningRateSchedule(1e-3, WarmupSteps: 4, TotalSteps: 14, MinimumFraction: 0.1);

        Assert.Equal(0.25e-3, schedule.At(0), 12);
        Assert.Equal(1e-3, schedule.At(3), 12);
        Assert.Equal(1e-3, schedule.At(4), 12);
        Assert.Equal(0.55e-3, schedule.At(9), 12);
        Assert.Equal(1e-4, schedule.At(14), 12);
        Assert.Equal(1e-4, schedule.At(100), 12);
    }

    [Fact]
    public void EveryNamedEstimatorIsCreatedWithItsSettingsAndAnUnknownNameIsRejected()
    {
        var gigpo = Assert.IsType<GigpoAdvantageEstimator>(AdvantageEstimators.Create("gigpo", stepDiscount: 0.5, stepWeight: 2));

        var stateless = AdvantageEstimators.Names.Where(n => !AdvantageEstimators.IsLearned(n)).ToList();
        Assert.Equal(stateless, stateless.Select(n => AdvantageEstimators.Create(n).Name));
        Assert.Equal([AdvantageEstimators.Ppo, AdvantageEstimators.Oprl, AdvantageEstimators.Archer], AdvantageEstimators.Names.Where(AdvantageEstimators.IsLearned));
        var igpo = Assert.IsType<IgpoAdvantageEstimator>(AdvantageEstimators.Create("igpo", igpo: new IgpoOptions { Discount = 0.5, FormatPenalty = -2 }));
        Assert.Equal((0.5, -2.0), (igpo.Options.Discount, igpo.Options.FormatPenalty));
        Assert.Contains(nameof(AdvantageEstimators.CreateLearned), Assert.Throws<ArgumentException>(() => AdvantageEstimators.Create("oprl")).Message);
        Assert.False(Assert.IsType<GrpoAdvantageEstimator>(AdvantageEstimators.Create("grpo", scaleByStd: false)).ScaleByStd);
        Assert.Equal(EpisodeReward.Success, Assert.IsType<GrpoAdvantageEstimator>(AdvantageEstimators.Create("grpo", reward: EpisodeReward.Success)).Reward);
        Assert.Contains("'gigpo'", Assert.Throws<ArgumentException>(() => AdvantageEstimators.Create("gigpo", reward: EpisodeReward.Success)).Message);
        Assert.Equal((0.5, 2.0), (gigpo.Discount, gigpo.StepWeight));
        Assert.Contains("grpo, ppo, gigpo, igpo, oprl, archer", Assert.Throws<ArgumentException>(() => AdvantageEstimators.Create("ppo2")).Message);
    }
}
