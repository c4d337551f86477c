using AgentRL.Environments.Gridworld;

namespace AgentRL.Environments.Tests.Gridworld;

/// <summary>Hindsight missions: an episode that picked up an object its mission does not name succeeded at picking that up.</summary>
public sealed class GridworldHindsightTests
{
    private static readonly GridworldOptions Options = new() { StepLimit = 32 };

    /// <summary>A training task whose first view has an object the mission does not name straight ahead, reset.</summary>
    private static (GridworldEnvironment Environment, string Object) TaskFacingAnUnnamedObject()
    {
        var environment = new GridworldEnvironment(Options);
        for (var taskId = 0; taskId < 2_000; taskId++)
        {
            var view = environment.Reset(taskId).Observation;
            var mission = environment.Level.Mission.Text;
            var ahead = view.Split('\n').Single(line => line.StartsWith("You see: ", StringComparison.Ordinal))["You see: ".Length..].Split("; ")[0];
            if (ahead.StartsWith("a ", StringComparison.Ordinal) && ahead.EndsWith(" 1 step forward", StringComparison.Ordinal) &&
                ahead[2..^" 1 step forward".Length] is var name && !name.Contains("door", StringComparison.Ordinal) && !name.Contains("goal", StringComparison.Ordinal) &&
                !mission.Contains($"the {name}", StringComparison.Ordinal))
            {
                return (environment, name);
            }
        }

        throw new InvalidOperationException("No task in the first 2,000 starts in front of an object its mission does not name.");
    }

    [Fact]
    public void PickingUpAnUnnamedObjectIsASuccessOfPickingItUp()
    {
        var (environment, name) = TaskFacingAnUnnamedObject();
        var mission = environment.Level.Mission.Text;
        var observations = new[] { environment.Step("turn left").Observation, environment.Step("turn right").Observation, environment.Step("pick up").Observation, environment.Step("turn left").Observation };

        var goal = new GridworldHindsight(Options).Relabel(observations);

        Assert.NotNull(goal);
        Assert.Equal(2, goal.LastTurn);
        Assert.Equal($"Mission: {mission}", goal.Find);
        Assert.Equal($"Mission: pick up the {name}", goal.Replace);
        Assert.Equal(1 - 0.9 * 3 / 32, goal.Score, 12); // the environment's score for a success in three steps
        // The rewritten transcript reads as that mission's would.
        Assert.Contains($"Mission: pick up the {name}.", observations[2].Replace(goal.Find, goal.Replace, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MissionKind.PickUp)]
    [InlineData(MissionKind.PutNext)]
    [InlineData(MissionKind.PickUpThenGoal)]
    public void TheExpertsEpisodesReachNothingUnasked(MissionKind kind)
    {
        var environment = new GridworldEnvironment(Options);
        var relabeller = new GridworldHindsight(Options);
        var checkedEpisodes = 0;
        for (var taskId = 0; taskId < 300 && checkedEpisodes < 10; taskId++)
        {
            environment.Reset(taskId);
            if (environment.Level.Mission.Kind != kind)
            {
                continue;
            }

            var observations = new List<string>();
            EnvironmentStep step;
            do
            {
                step = environment.Step(environment.ExpertAction()!);
                observations.Add(step.Observation);
            }
            while (!step.Done);

            // The expert picks up only what the mission names (in put-next, the object it moves).
            Assert.Contains(observations, o => o.StartsWith("You pick up the ", StringComparison.Ordinal));
            Assert.Null(relabeller.Relabel(observations));
            checkedEpisodes++;
        }

        Assert.Equal(10, checkedEpisodes);
    }

    [Fact]
    public void EpisodesWithoutAPickUpOrAMissionLineHaveNoHindsightGoal()
    {
        var relabeller = new GridworldHindsight(Options);
        var (environment, _) = TaskFacingAnUnnamedObject();

        Assert.Null(relabeller.Relabel([environment.Step("turn left").Observation, environment.Step("move forward").Observation]));
        Assert.Null(relabeller.Relabel([]));
        Assert.Null(relabeller.Relabel(["You pick up the red ball."]));
    }
}
