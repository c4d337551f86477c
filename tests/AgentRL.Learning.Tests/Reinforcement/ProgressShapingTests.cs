using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>Turn-level shaping by the environment's distance to the goal, laid over an estimator's advantages.</summary>
public sealed class ProgressShapingTests
{
    /// <summary>An episode of one-token turns with the given progress each; a positive score is a success.</summary>
    internal static Trajectory Walk(double score, params double[] progress) => new("test", 0, 0,
        progress.Select(p => new Turn([1], [2], [-0.5f], "a", "o", 0, true, "k", Progress: p)).ToList(), score, score > 0, 0);

    [Fact]
    public void EachTurnGainsTheWeightPerStepItBroughtTheEpisodeCloser()
    {
        // A success that walked straight there, and a failure that walked one step away and picked up what it should not.
        var group = new[] { Walk(0.8, 1, 1, 0, 1), Walk(0, 1, -1, 0, -1) };
        var plain = new GrpoAdvantageEstimator().Estimate(group);

        var shaped = ProgressShaping.Apply(group, plain, 0.1);

        Assert.Equal(plain[0].Select((a, t) => a + 0.1 * new[] { 1.0, 1, 0, 1 }[t]), shaped[0], new ToleranceComparer(1e-12));
        Assert.Equal(plain[1].Select((a, t) => a + 0.1 * new[] { 1.0, -1, 0, -1 }[t]), shaped[1], new ToleranceComparer(1e-12));
        Assert.Equal(plain[0][0], plain[0][1]); // the inputs are kept
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgressShaping.Apply(group, plain, -0.1));
        Assert.Throws<ArgumentException>(() => ProgressShaping.Apply(group, [[0.0], [0.0]], 0.1));
    }

    [Fact]
    public void AGroupThatFailedAlikeLearnsFromItsStepsTowardTheGoal()
    {
        var failed = new[] { Walk(0, 1, 1), Walk(0, -1, 0) };

        var shaped = ProgressShaping.Apply(failed, new GrpoAdvantageEstimator().Estimate(failed), 0.25);

        Assert.Equal([0.25, 0.25], shaped[0]);
        Assert.Equal([-0.25, 0.0], shaped[1]);
    }
}
