using AgentRL.Environments;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class MilestoneBonusTests
{
    /// <summary>Reads the progress a test wrote as each transcript's last observation.</summary>
    private sealed class WrittenProgress : IMilestoneReader
    {
        public double Progress(IReadOnlyList<string> observations) => double.Parse(observations[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Trajectory Rollout(double score, string progress) =>
        new("test", 0, 0, [new Turn([1], [2], [-0.5f], "a", progress, 0, true, "k")], score, score > 0, 0);

    [Fact]
    public void FailuresGainTheirProgressAndSuccessesTheWholeWeight()
    {
        var bonus = new MilestoneBonus(new WrittenProgress(), weight: 0.4);
        IReadOnlyList<IReadOnlyList<Trajectory>> groups = [[Rollout(0, "0"), Rollout(0, "0.5"), Rollout(0.7, "0.25")], [Rollout(0, "0.75")]];

        var (shaped, diagnostics) = bonus.Shape(groups);

        Assert.Equal([0, 0.2, 1.1], shaped[0].Select(t => t.Score), new ToleranceComparer(1e-12));
        Assert.Equal([0.3], shaped[1].Select(t => t.Score), new ToleranceComparer(1e-12));
        Assert.Equal((0 + 0.5 + 0.75) / 3, diagnostics[MilestoneBonus.ProgressDiagnostic], 12);
    }

    [Fact]
    public void AGroupThatFailedThroughoutGetsAdvantagesFromItsMilestones()
    {
        var bonus = new MilestoneBonus(new WrittenProgress(), weight: 0.4);
        var group = (IReadOnlyList<Trajectory>)[Rollout(0, "0"), Rollout(0, "0.5")];

        var plain = new GrpoAdvantageEstimator(scaleByStd: false).Estimate(group);
        var shaped = new GrpoAdvantageEstimator(scaleByStd: false).Estimate(bonus.Shape([group]).Groups[0]);

        Assert.All(plain, a => Assert.Equal(0, a[0]));
        Assert.Equal(-0.1, shaped[0][0], 12);
        Assert.Equal(0.1, shaped[1][0], 12);
    }
}
