using AgentRL.Environments.Gridworld;

namespace AgentRL.Environments.Tests.Gridworld;

/// <summary>The gridworld's estimate of how far a state is from its mission being accomplished, for turn-level shaping.</summary>
public sealed class GridworldGoalDistanceTests
{
    private static readonly Tile RedBall = Tile.Object(TileKind.Ball, TileColor.Red);
    private static readonly Tile BlueKey = Tile.Object(TileKind.Key, TileColor.Blue);
    private static readonly Tile GreyBox = Tile.Object(TileKind.Box, TileColor.Grey);

    /// <summary>A 7 × 7 room (a 5 × 5 floor inside walls) with the agent and the objects where given.</summary>
    private static GridState Room(Mission mission, (int X, int Y) agent, Tile carried, params (Tile Tile, int X, int Y)[] placed)
    {
        var tiles = new byte[7 * 7];
        for (var y = 0; y < 7; y++)
        {
            for (var x = 0; x < 7; x++)
            {
                tiles[x + y * 7] = (x is 0 or 6 || y is 0 or 6 ? Tile.Wall : Tile.Floor).Packed;
            }
        }

        foreach (var (tile, x, y) in placed)
        {
            tiles[x + y * 7] = tile.Packed;
        }

        var level = new GridLevel(7, 7, tiles, agent.X, agent.Y, Direction.East, mission);
        return new GridState { Level = level, Tiles = level.CopyTiles(), X = agent.X, Y = agent.Y, Carried = carried };
    }

    [Fact]
    public void PutNextCountsTheWayToTheObjectThenOnToTheOther()
    {
        var mission = new Mission(MissionKind.PutNext, RedBall, BlueKey);

        // 2 steps to the ball, 3 from it to the key; a box in hand costs a drop; carrying the ball, the way to the key.
        Assert.Equal(5, GridworldGoalDistance.Of(Room(mission, (1, 1), Tile.Floor, (RedBall, 3, 1), (BlueKey, 3, 4))));
        Assert.Equal(6, GridworldGoalDistance.Of(Room(mission, (1, 1), GreyBox, (RedBall, 3, 1), (BlueKey, 3, 4))));
        Assert.Equal(4, GridworldGoalDistance.Of(Room(mission, (2, 1), RedBall, (BlueKey, 3, 4))));
        // The key in hand is where the agent stands: drop it, go to the ball and bring it back.
        Assert.Equal(1 + 3 + 3, GridworldGoalDistance.Of(Room(mission, (1, 2), BlueKey, (RedBall, 3, 3))));
        var done = Room(mission, (1, 1), Tile.Floor, (RedBall, 3, 3), (BlueKey, 3, 4));
        done.Success = true;
        Assert.Equal(0, GridworldGoalDistance.Of(done));
    }

    [Fact]
    public void OtherMissionsCountTheirOwnParts()
    {
        var pickUpThenGoal = new Mission(MissionKind.PickUpThenGoal, BlueKey, Tile.Floor);
        Assert.Equal(2 + 4, GridworldGoalDistance.Of(Room(pickUpThenGoal, (1, 1), Tile.Floor, (BlueKey, 3, 1), (Tile.GoalSquare, 5, 3))));
        var carrying = Room(pickUpThenGoal, (3, 2), BlueKey, (Tile.GoalSquare, 5, 3));
        carrying.Stage = 1;
        Assert.Equal(3, GridworldGoalDistance.Of(carrying));

        var pickUp = new Mission(MissionKind.PickUp, RedBall, Tile.Floor);
        Assert.Equal(1 + 4, GridworldGoalDistance.Of(Room(pickUp, (1, 1), GreyBox, (RedBall, 4, 2))));

        var goTo = new Mission(MissionKind.GoTo, RedBall, Tile.Floor);
        Assert.Equal(4, GridworldGoalDistance.Of(Room(goTo, (1, 1), GreyBox, (RedBall, 4, 2))));
        Assert.Equal(1, GridworldGoalDistance.Of(Room(goTo, (1, 1), RedBall)));
    }

    [Theory]
    [InlineData(MissionKind.GoTo)]
    [InlineData(MissionKind.PickUp)]
    [InlineData(MissionKind.PickUpThenGoal)]
    [InlineData(MissionKind.PutNext)]
    public void TheExpertMostlyClosesTheDistanceAndEndsAtZero(MissionKind kind)
    {
        // Per episode, the distance at the start and after each of the expert's steps.
        var distances = new List<List<double>>();
        ExpertEpisodes.Of(kind, new GridworldOptions(), observe: (environment, steps) =>
        {
            if (steps == 0)
            {
                distances.Add([]);
            }

            distances[^1].Add(environment.GoalDistance);
        });

        Assert.Equal(10, distances.Count);
        Assert.All(distances, episode => Assert.True(episode[0] > 0 && episode[^1] == 0, string.Join(", ", episode)));
        var progress = distances.SelectMany(episode => episode.Zip(episode.Skip(1), (before, after) => before - after)).ToList();
        // The expert walks around what stands in its way and carries obstacles aside, but few of its steps lead away.
        var (closer, away) = (progress.Count(p => p > 0), progress.Count(p => p < 0));
        Assert.True(away * 5 < closer, $"{away} steps away against {closer} closer");
    }
}
