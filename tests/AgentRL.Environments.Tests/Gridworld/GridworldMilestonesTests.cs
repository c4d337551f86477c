using AgentRL.Environments.Gridworld;

namespace AgentRL.Environments.Tests.Gridworld;

/// <summary>Milestones of gridworld missions read from transcripts: the target seen, picked up, carried into sight of what comes next.</summary>
public sealed class GridworldMilestonesTests
{
    private static readonly GridworldMilestones Milestones = new();

    private static string Observation(string mission, string view, string carrying = "nothing") =>
        $"Mission: {mission}.\nYou see: {view}.\nYou are carrying {carrying}.";

    [Fact]
    public void APutNextMissionCountsSeeingCarryingAndBringingItsObject()
    {
        const string mission = "put the red ball next to the blue key";
        var turns = new[]
        {
            Observation(mission, "a wall 2 steps forward"),
            Observation(mission, "a red ball 2 steps forward and 1 step left; a grey box 1 step right"),
            Observation(mission, "a wall 1 step forward", "a grey box"),
            Observation(mission, "a blue key 3 steps forward", "a grey box"), // the key seen carrying the wrong object
            "You pick up the red ball.\n" + Observation(mission, "a wall 3 steps forward", "a red ball"),
            Observation(mission, "a blue key 1 step forward and 2 steps left", "a red ball"),
        };

        var progress = Enumerable.Range(1, turns.Length).Select(n => Milestones.Progress(turns[..n])).ToArray();

        Assert.Equal([0, 0.25, 0.25, 0.25, 0.5, 0.75], progress);
    }

    [Fact]
    public void PickUpThenGoalMissionsLookForTheGoalWhileCarryingTheKey()
    {
        const string mission = "pick up the green key, then go to the goal";
        // Facing the key at the start: the first turn picks it up, so it was seen; the goal then comes into view.
        var turns = new[]
        {
            "You pick up the green key.\n" + Observation(mission, "a goal 4 steps forward and 2 steps right", "a green key"),
        };

        Assert.Equal(0.75, Milestones.Progress(turns));
        Assert.Equal(0, Milestones.Progress([Observation(mission, "a goal 2 steps forward")]));
    }

    [Theory]
    [InlineData("go to the purple box", "a purple box 2 steps forward", 0.5)]
    [InlineData("pick up the yellow key", "a yellow ball 1 step forward; a wall 2 steps left", 0)]
    [InlineData("open the red door", "a locked red door 3 steps forward", 0.5)]
    public void OnePartMissionsHaveOneMilestoneSeeingTheTarget(string mission, string view, double expected)
    {
        Assert.Equal(expected, Milestones.Progress([Observation(mission, view)]));
    }

    [Theory]
    [InlineData(MissionKind.GoTo, 0.5)]
    [InlineData(MissionKind.PutNext, 0.75)]
    [InlineData(MissionKind.PickUpThenGoal, 0.75)]
    public void TheExpertReachesEveryMilestoneInOrder(MissionKind kind, double all)
    {
        foreach (var episode in ExpertEpisodes.Of(kind, new GridworldOptions()))
        {
            var observations = episode.Select(step => step.Observation).ToList();
            var progress = Enumerable.Range(1, observations.Count).Select(n => Milestones.Progress(observations[..n])).ToList();

            Assert.True(episode[^1].Info.Success);
            // A pick-up-then-goal episode standing on the goal succeeds on the pick-up: the goal is never seen carrying.
            var succeededOnThePickUp = observations[^1].StartsWith("You pick up the ", StringComparison.Ordinal);
            Assert.Equal(succeededOnThePickUp ? all - 0.25 : all, progress[^1]);
            Assert.Equal(progress.Order(), progress); // never falls back
        }
    }
}
