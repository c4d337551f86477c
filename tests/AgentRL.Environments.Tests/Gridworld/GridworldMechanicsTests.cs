using AgentRL.Environments.Gridworld;

namespace AgentRL.Environments.Tests.Gridworld;

public sealed class GridworldMechanicsTests
{
    /// <summary>Finds a task whose mission has the given kind.</summary>
    private static (GridworldEnvironment Environment, int TaskId) TaskWith(MissionKind kind, GridworldOptions? options = null)
    {
        var environment = new GridworldEnvironment(options);
        for (var taskId = 0; taskId < 500; taskId++)
        {
            environment.Reset(taskId);
            if (environment.Level.Mission.Kind == kind)
            {
                return (environment, taskId);
            }
        }

        throw new InvalidOperationException($"No {kind} task in the first 500.");
    }

    private static EnvironmentStep RunExpert(IEnvironment environment)
    {
        EnvironmentStep step;
        do
        {
            step = environment.Step(environment.ExpertAction()!);
        }
        while (!step.Done);
        return step;
    }

    [Fact]
    public void SuccessRewardIsOneMinusNineTenthsOfTheStepFractionUsed()
    {
        var (environment, _) = TaskWith(MissionKind.PickUp);

        var final = RunExpert(environment);

        Assert.True(final.Info.Success);
        Assert.Equal(1 - 0.9 * final.Info.StepCount / 64, final.Reward, 12);
        Assert.Equal(final.Reward, final.Info.Score, 12);
        Assert.Contains($"Mission accomplished in {final.Info.StepCount} steps.", final.Observation);
    }

    [Fact]
    public void ObservationsDescribeTheMissionTheViewAndWhatIsCarried()
    {
        var environment = new GridworldEnvironment();
        var step = environment.Reset(0);

        Assert.StartsWith($"Mission: {environment.Level.Mission.Text}.\nYou see: ", step.Observation);
        Assert.EndsWith("You are carrying nothing.", step.Observation);
        Assert.Matches(@"(a [a-z]+ [a-z]+ (\d steps? forward|\d steps? (left|right))( and \d steps? (left|right))?; )*|nothing but the floor", step.Observation);
    }

    [Fact]
    public void TheViewListsObjectsByRelativePositionAndTheWallAhead()
    {
        var environment = new GridworldEnvironment();
        var tiles = Enumerable.Repeat(Tile.Floor.Packed, 49).ToArray();
        for (var i = 0; i < 7; i++)
        {
            tiles[i] = tiles[42 + i] = tiles[i * 7] = tiles[i * 7 + 6] = Tile.Wall.Packed;
        }

        // Agent at (1, 3) facing east; a red ball 2 ahead and 1 to the right (south); a wall 5 ahead.
        tiles[3 + 4 * 7] = Tile.Object(TileKind.Ball, TileColor.Red).Packed;
        var state = new GridState
        {
            Level = new GridLevel(7, 7, tiles, 1, 3, Direction.East, new Mission(MissionKind.GoTo, Tile.Object(TileKind.Ball, TileColor.Red), default)),
            Tiles = tiles,
            X = 1,
            Y = 3,
            Facing = Direction.East,
        };
        var text = new System.Text.StringBuilder();

        GridView.Describe(state, 5, text);
        Assert.Equal("You see: a red ball 2 steps forward and 1 step right.", text.ToString());

        state.X = 2;
        text.Clear();
        GridView.Describe(state, 5, text);
        Assert.Equal("You see: a red ball 1 step forward and 1 step right; a wall 4 steps forward.", text.ToString());
        Assert.NotNull(environment);
    }

    [Fact]
    public void WallsAndClosedDoorsHideWhatIsBehindThem()
    {
        var options = GridworldOptions.Hard;
        var environment = new GridworldEnvironment(options);
        environment.Reset(0);

        // The goal is always three locked rooms away: it can never be in view from the start.
        Assert.DoesNotContain("goal", environment.Reset(0).Observation.Split('\n')[1]);
    }

    [Fact]
    public void ALockedDoorOpensOnlyWithTheKeyOfItsColour()
    {
        var environment = new GridworldEnvironment(GridworldOptions.Hard);
        environment.Reset(3);
        var observations = new List<string>();
        string? action;
        var sawLocked = false;
        while ((action = environment.ExpertAction()) is not null)
        {
            var step = environment.Step(action);
            observations.Add(step.Observation);
            sawLocked |= step.Observation.Contains("You unlock and open the");
        }

        Assert.True(sawLocked);
        Assert.Equal(3, observations.Count(o => o.Contains("You unlock and open the")));
    }

    [Fact]
    public void ToggleOnALockedDoorWithoutTheKeyExplainsWhy()
    {
        // Walk the expert up to the first locked door, key in hand; put the key down behind; then try the door.
        var environment = new GridworldEnvironment(GridworldOptions.Hard);
        environment.Reset(1);
        byte[] facingDoor;
        while (true)
        {
            facingDoor = environment.Snapshot();
            if (environment.Step(environment.ExpertAction()!).Observation.StartsWith("You unlock and open the", StringComparison.Ordinal))
            {
                break;
            }
        }

        string[][] putKeyDown = [["turn left", "drop", "turn right"], ["turn right", "drop", "turn left"], ["turn left", "turn left", "drop", "turn right", "turn right"]];
        EnvironmentStep? refused = null;
        foreach (var actions in putKeyDown)
        {
            environment.Restore(facingDoor);
            if (actions.Select(environment.Step).All(s => !s.Observation.StartsWith("You cannot drop", StringComparison.Ordinal)))
            {
                refused = environment.Step("toggle");
                break;
            }
        }

        Assert.NotNull(refused);
        Assert.StartsWith("The ", refused.Observation);
        Assert.Contains("door is locked; you need the", refused.Observation);
        Assert.True(refused.Info.Valid);
        Assert.Equal(0, refused.Reward);
    }

    [Fact]
    public void APutNextMissionSucceedsWhenTheObjectIsDroppedBesideTheOther()
    {
        var (environment, _) = TaskWith(MissionKind.PutNext);

        var final = RunExpert(environment);

        Assert.True(final.Info.Success);
        Assert.Contains("You drop the", final.Observation);
    }

    [Fact]
    public void ATwoPartMissionNeedsBothPartsInOrder()
    {
        var (environment, _) = TaskWith(MissionKind.PickUpThenGoal);
        var keyAt = environment.Level.Mission.Target;

        var final = RunExpert(environment);

        Assert.True(final.Info.Success);
        Assert.Contains($"You are carrying a {keyAt.Describe()}.", final.Observation);
    }

    [Fact]
    public void AbsoluteMovementIsOfferedOnlyWhenEnabled()
    {
        var relative = new GridworldEnvironment();
        var absolute = new GridworldEnvironment(new GridworldOptions { AbsoluteMovement = true });
        relative.Reset(0);
        absolute.Reset(0);

        Assert.False(relative.Step("go north").Info.Valid);
        Assert.True(absolute.Step("go north").Info.Valid);
        Assert.Equal(Direction.North.Letter(), absolute.CellKey.Split(':')[2][0]);
    }

    [Fact]
    public void TheEpisodeSeedVariesOnlyTheStartingPose()
    {
        var environment = new GridworldEnvironment();
        environment.Reset(11, seed: 0);
        var first = environment.Level;
        environment.Reset(11, seed: 1);
        var second = environment.Level;

        Assert.Equal(first.Mission, second.Mission);
        Assert.Equal(first.CopyTiles(), second.CopyTiles());
    }

    [Fact]
    public void SteppingAfterTheEndOrBeforeResetIsAClearError()
    {
        var environment = new GridworldEnvironment();
        Assert.Throws<InvalidOperationException>(() => environment.Step("turn left"));

        environment.Reset(0);
        RunExpert(environment);
        var error = Assert.Throws<InvalidOperationException>(() => environment.Step("turn left"));
        Assert.Contains("call Reset", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => environment.Reset(environment.Splits.Count));
    }
}
