using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Curriculum;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Curriculum;

public sealed class FailureStartsTests
{
    private const int Seed = 3;

    /// <summary>Twelve turns of walking and turning left (seed 3) on the first task where that does not succeed.</summary>
    private static readonly Trajectory Failure = Enumerable.Range(0, 50).Select(Wander).First(t => !t.Success);

    private static Trajectory Wander(int taskId)
    {
        var environment = new GridworldEnvironment();
        environment.Reset(taskId, Seed);
        var start = environment.CellKey;
        var turns = new List<Turn>();
        foreach (var action in Enumerable.Range(0, 12).Select(i => i % 3 == 2 ? "turn left" : "go forward"))
        {
            var step = environment.Step(action);
            turns.Add(new Turn([], [], [], action, step.Observation, step.Reward, step.Info.Valid, environment.CellKey));
            if (step.Done)
            {
                return new Trajectory(environment.Name, taskId, Seed, turns, step.Info.Score, step.Info.Success, 0, start);
            }
        }

        return new Trajectory(environment.Name, taskId, Seed, turns, 0, Success: false, 0, start);
    }

    [Fact]
    public void AStartIsAStateTheFailurePassedThroughWithinTheDepthAndEachFailureGivesOne()
    {
        var starts = new FailureStarts(maxDepth: 5);
        starts.Record([Failure]);
        var environment = new GridworldEnvironment();

        var cell = starts.Next(environment, new DeterministicRandom(1))!;

        Assert.InRange(cell.Length, 1, 5);
        var reached = Failure.Turns[cell.Length - 1];
        Assert.Equal((Failure.TaskId, Seed, reached.CellKey, reached.Observation), (cell.TaskId, cell.Seed, cell.CellKey, cell.Observation));
        var restored = new GridworldEnvironment();
        restored.Reset(Failure.TaskId, Seed);
        restored.Restore(cell.Snapshot);
        Assert.Equal(reached.CellKey, restored.CellKey);
        Assert.Equal(0, starts.Count);
        Assert.Null(starts.Next(environment, new DeterministicRandom(1)));
    }

    [Fact]
    public void DepthsAreUniformUpToTheDepthAndReproducible()
    {
        var starts = new FailureStarts(maxDepth: 4);
        starts.Record(Enumerable.Repeat(Failure, 400));
        var random = new DeterministicRandom(7);

        var depths = Enumerable.Range(0, 400).Select(_ => starts.Next(new GridworldEnvironment(), random)!.Length).ToList();

        // 100 draws expected per depth (a count's deviation is about 9).
        Assert.Equal([1, 2, 3, 4], depths.Distinct().Order());
        Assert.All(depths.CountBy(d => d), c => Assert.InRange(c.Value, 65, 135));
        starts.Record(Enumerable.Repeat(Failure, 20));
        var again = new DeterministicRandom(7);
        Assert.Equal(depths.Take(20), Enumerable.Range(0, 20).Select(_ => starts.Next(new GridworldEnvironment(), again)!.Length));
    }

    [Fact]
    public void OnlyTheNewestFailuresFromAResetWithTwoTurnsOrMoreAreKept()
    {
        var starts = new FailureStarts(maxDepth: 16);
        var solved = Failure with { Success = true };
        var fromCell = Failure with { StartedFrom = "7/cell" };
        var oneTurn = Failure with { Turns = Failure.Turns.Take(1).ToList() };

        starts.Record([solved, Failure, fromCell, oneTurn, Failure]);
        Assert.Equal(2, starts.Count);
        starts.Record([Failure]);
        Assert.Equal(1, starts.Count);
        starts.Record([solved]);
        Assert.Equal(0, starts.Count);
    }

    [Fact]
    public void AFailureThatDoesNotReplayAndABadDepthAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FailureStarts(maxDepth: 0));

        // The first turn's observation altered: a replay cannot retrace it, whatever depth is drawn.
        var altered = Failure with { Turns = [Failure.Turns[0] with { Observation = "somewhere else" }, .. Failure.Turns.Skip(1)] };
        var starts = new FailureStarts(maxDepth: 16);
        starts.Record([altered]);

        var error = Assert.Throws<InvalidOperationException>(() => starts.Next(new GridworldEnvironment(), new DeterministicRandom(1)));
        Assert.Contains("did not retrace", error.Message);
    }
}
