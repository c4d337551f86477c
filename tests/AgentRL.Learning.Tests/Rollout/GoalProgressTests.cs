using AgentRL.Learning.Rollout;

namespace AgentRL.Learning.Tests.Rollout;

public sealed class GoalProgressTests
{
    [Fact]
    public void ProgressIsTheDistanceGainedAndAStallCountsTurnsSinceTheClosestYet()
    {
        var progress = new GoalProgress(5);
        var steps = new[] { 4.0, 4, 5, 4, 3 }.Select(d => (Progress: progress.Record(d), progress.TurnsSinceCloser)).ToList();

        // Back to 4 after a step away is progress, but no closer than before: only reaching 3 resets the count.
        Assert.Equal([(1.0, 0), (0.0, 1), (-1.0, 2), (1.0, 3), (1.0, 0)], steps);
        Assert.False(progress.Stalled(1));
        progress.Record(3);
        Assert.True(progress.Stalled(1));
        Assert.False(progress.Stalled(2));
    }

    [Fact]
    public void WithoutADistanceThereIsNoProgressAndNoStall()
    {
        var progress = new GoalProgress(null);

        Assert.Equal(0, progress.Record(null));
        Assert.Equal(0, progress.Record(null));
        Assert.False(progress.Stalled(1));
    }
}
