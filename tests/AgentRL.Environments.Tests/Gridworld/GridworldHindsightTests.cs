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
        var relabeller = new GridworldHindsight(Options);
        foreach (var episode in ExpertEpisodes.Of(kind, Options))
        {
            var observations = episode.Select(step => step.Observation).ToList();

            // The expert picks up only what the mission names (in put-next, the object it moves).
            Assert.Contains(observations, o => o.StartsWith("You pick up the ", StringComparison.Ordinal));
            Assert.Null(relabeller.Relabel(observations));
        }
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

    [Fact]
    public void ADropNextToAnotherObjectIsASuccessOfPuttingItThereUnlessTheMissionAskedForIt()
    {
        var relabeller = new GridworldHindsight(Options, GridworldHindsightGoals.PutNext);
        string[] walk =
        [
            "You pick up the green ball.\nMission: go to the red box.\nYou see: a wall 2 steps forward.\nYou are carrying a green ball.",
            "Mission: go to the red box.\nYou see: a purple key 2 steps forward and 1 step left.\nYou are carrying a green ball.",
            "You drop the green ball.\nMission: go to the red box.\nYou see: a green ball 1 step forward; a blue door 1 step forward and 1 step right; a grey key 1 step forward and 1 step left.\nYou are carrying nothing.",
        ];

        var goal = relabeller.Relabel(walk);

        // The door beside the drop is no object to put things next to; the grey key is. The pick-up is not relabelled.
        Assert.Equal(new HindsightGoal(2, "Mission: go to the red box", "Mission: put the green ball next to the grey key", 1 - 0.9 * 3 / 32), goal);
        Assert.Null(relabeller.Relabel([.. walk.Select(o => o.Replace("go to the red box", "put the green ball next to the grey key", StringComparison.Ordinal))]));
        Assert.Null(relabeller.Relabel([walk[0], walk[1], walk[2].Replace("1 step forward and 1 step left", "2 steps forward and 1 step left", StringComparison.Ordinal)]));
        Assert.Null(new GridworldHindsight(Options).Relabel(walk.Skip(1).ToList()));
    }

    [Fact]
    public void RandomWalksDropNextToObjectsThatTheirViewShowsNextToTheCellInFront()
    {
        var environment = new GridworldEnvironment(Options);
        var relabeller = new GridworldHindsight(Options, GridworldHindsightGoals.PutNext | GridworldHindsightGoals.PickUp);
        var actions = environment.ValidActions()!;
        var random = new AgentRL.Environments.Generation.DeterministicRandom(5);
        var (putNext, pickUp) = (0, 0);
        for (var task = 0; task < 400; task++)
        {
            var step = environment.Reset(task);
            var observations = new List<string>();
            for (var i = 0; i < 32 && !step.Done; i++)
            {
                step = environment.Step(actions[random.Next(actions.Count)]);
                observations.Add(step.Observation);
            }

            if (relabeller.Relabel(observations) is not { } goal)
            {
                continue;
            }

            var feedback = observations[goal.LastTurn].Split('\n')[0];
            if (goal.Replace.StartsWith("Mission: put the ", StringComparison.Ordinal))
            {
                putNext++;
                var pair = goal.Replace["Mission: put the ".Length..].Split(" next to the ");
                Assert.Equal($"You drop the {pair[0]}.", feedback);
                Assert.Contains(new[] { "2 steps forward", "1 step forward and 1 step left", "1 step forward and 1 step right" }, w => observations[goal.LastTurn].Contains($"a {pair[1]} {w}", StringComparison.Ordinal));
            }
            else
            {
                pickUp++;
                Assert.Equal($"You pick up the {goal.Replace["Mission: pick up the ".Length..]}.", feedback);
            }
        }

        Assert.True(putNext > 0 && pickUp > 0, $"{putNext} put-next and {pickUp} pick-up goals in 400 random walks");
    }
}
