using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class GigpoTests
{
    /// <summary>A rollout from cell "s" whose turns lead to the given cells with the given rewards.</summary>
    private static Trajectory Rollout(double score, params (string ReachedCell, double Reward)[] turns) => new("test", 0, 0,
        turns.Select(t => new Turn([1], [2], [-0.5f], "a", "o", t.Reward, true, t.ReachedCell)).ToList(), score, score > 0, 0, StartCellKey: "s");

    [Fact]
    public void DiscountedReturnsAccumulateFromTheEnd()
    {
        var rollout = Rollout(1, ("a", 0), ("b", -0.1), ("c", 1));

        var returns = GigpoAdvantageEstimator.DiscountedReturns(rollout.Turns, 0.5);

        Assert.Equal([0.5 * (-0.1 + 0.5), -0.1 + 0.5, 1.0], returns);
    }

    [Fact]
    public void ADiscountOutsideZeroToOneOrANegativeStepWeightIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GigpoAdvantageEstimator(discount: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GigpoAdvantageEstimator(stepWeight: -1));
    }

    [Fact]
    public void StepGroupsCompareReturnsFromTheSameCellAndSingletonsAddNothing()
    {
        // A acts in s, x and wins; B acts in s, y, x and runs out of steps. Returns with γ = 0.5: A = [0.5, 1],
        // B = [0, 0, 0]. Episode advantages (mean only): A +0.5, B −0.5. Step group s: {0.5, 0} → ±0.25;
        // step group x: {1 (A's turn 1), 0 (B's turn 2)} → ±0.5; y holds B's turn 1 alone → 0.
        var won = Rollout(1, ("x", 0), ("goal", 1));
        var lost = Rollout(0, ("y", 0), ("x", 0), ("z", 0));

        var advantages = new GigpoAdvantageEstimator(discount: 0.5, scaleByStd: false).Estimate([won, lost]);

        Assert.Equal([0.75, 1.0], advantages[0], new ToleranceComparer(1e-12));
        Assert.Equal([-0.75, -0.5, -1.0], advantages[1], new ToleranceComparer(1e-12));
    }

    [Fact]
    public void RevisitsWithinOneRolloutJoinTheStepGroupAndStepWeightScalesIt()
    {
        // Two rollouts that both fail (equal scores: no episode advantage). The first acts in s, x, s (its first move is
        // invalid, −0.1), so its returns are [−0.1, 0, 0]; the second acts once in s with return 0. Step group s holds
        // the first rollout's turns 0 and 2 and the second's turn 0; x holds one visit and gives nothing.
        var looping = Rollout(0, ("x", -0.1), ("s", 0), ("x", 0));
        var straight = Rollout(0, ("y", 0));
        var expected = GroupBaselines.MeanStdNormalised([-0.1, 0.0, 0.0]);

        var advantages = new GigpoAdvantageEstimator(discount: 0.5, stepWeight: 2).Estimate([looping, straight]);

        Assert.Equal(2 * expected[0], advantages[0][0], 12);
        Assert.Equal(0, advantages[0][1], 12);
        Assert.Equal(2 * expected[1], advantages[0][2], 12);
        Assert.Equal(2 * expected[2], advantages[1][0], 12);
        Assert.True(advantages[0][0] < 0 && advantages[1][0] > 0, "the turn that wasted a step from s ranks below the one that did not");
    }
}
