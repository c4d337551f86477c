using AgentRL.Learning.Reinforcement;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>Negative advantages scaled down before the turn-level terms, positive ones kept.</summary>
public sealed class NegativeAdvantageScalingTests
{
    [Fact]
    public void OnlyTheNegativeAdvantagesShrink()
    {
        IReadOnlyList<double[]> advantages = [[0.5, -0.4, 0], [-1.0]];

        var scaled = NegativeAdvantageScaling.Apply(advantages, 0.25);

        Assert.Equal([0.5, -0.1, 0], scaled[0]);
        Assert.Equal([-0.25], scaled[1]);
        Assert.Equal(-0.4, advantages[0][1]); // the inputs are kept
        Assert.Throws<ArgumentOutOfRangeException>(() => NegativeAdvantageScaling.Apply(advantages, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NegativeAdvantageScaling.Apply(advantages, 1.5));
    }
}
