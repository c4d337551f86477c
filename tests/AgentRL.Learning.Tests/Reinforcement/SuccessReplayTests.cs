using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>Self-imitation: rare successes kept with their advantages and trained on again by later updates.</summary>
public sealed class SuccessReplayTests
{
    private static Trajectory Rollout(int task, bool success, int turns = 2) => new("test", task, 0,
        Enumerable.Range(0, turns).Select(k => new Turn([1], [2], [-0.5f], "a", $"o{k}", 0, true, $"k{k}")).ToList(), success ? 1 : 0, success, 0);

    /// <summary>A group of <paramref name="size"/> rollouts of one task with <paramref name="successes"/> successes first, and GRPO's advantages.</summary>
    private static (IReadOnlyList<Trajectory> Group, double[][] Advantages) Group(int task, int successes, int size = 4)
    {
        var group = Enumerable.Range(0, size).Select(i => Rollout(task, i < successes)).ToList();
        return (group, new GrpoAdvantageEstimator(scaleByStd: false).Estimate(group).ToArray());
    }

    private static (IReadOnlyList<IReadOnlyList<Trajectory>> Groups, IReadOnlyList<double[]> Advantages) Batch(params (IReadOnlyList<Trajectory> Group, double[][] Advantages)[] groups) =>
        (groups.Select(g => g.Group).ToList(), groups.SelectMany(g => g.Advantages).ToList());

    [Fact]
    public void RareSuccessesComeBackInLaterUpdatesRarestFirstWithTheirAdvantages()
    {
        var replay = new SuccessReplay(new SuccessReplayOptions { PerUpdate = 2, Replays = 2, MaxAge = 8 });
        // Task 1: one success in four (kept); task 2: two in four (kept, exactly half failed); task 3: three in four (not kept).
        var (first, firstAdvantages) = Batch(Group(1, 1), Group(2, 2), Group(3, 3));

        var (none, _) = replay.Next(first, firstAdvantages);

        Assert.Empty(none); // nothing is replayed in the update that played it
        Assert.Equal(3, replay.Count);
        var (second, secondAdvantages) = Batch(Group(4, 0), Group(5, 4));
        var (again, againAdvantages) = replay.Next(second, secondAdvantages);
        // The success of task 1 (three of four failed) first, then one of task 2's, each with GRPO's centred advantage.
        Assert.Equal([1, 2], again.Select(t => t.TaskId));
        Assert.All(again, t => Assert.True(t.Success));
        Assert.Equal([0.75, 0.75], againAdvantages[0]);
        Assert.Equal([0.5, 0.5], againAdvantages[1]);
        // Each comes back in two updates: these two now for the last time, then task 2's other success twice.
        var (third, _) = replay.Next([], []);
        Assert.Equal([1, 2], third.Select(t => t.TaskId));
        Assert.Equal([2], replay.Next([], []).Trajectories.Select(t => t.TaskId));
        Assert.Equal([2], replay.Next([], []).Trajectories.Select(t => t.TaskId));
        Assert.Empty(replay.Next([], []).Trajectories);
        Assert.Equal(0, replay.Count);
    }

    [Fact]
    public void OldSuccessesExpireAndTheOldestGoPastCapacity()
    {
        var replay = new SuccessReplay(new SuccessReplayOptions { PerUpdate = 1, Replays = 5, MaxAge = 2, Capacity = 2 });
        var (groups, advantages) = Batch(Group(1, 1), Group(2, 1), Group(3, 1));

        replay.Next(groups, advantages);

        Assert.Equal(2, replay.Count); // task 1's success went: the capacity is 2
        Assert.Equal([2], replay.Next([], []).Trajectories.Select(t => t.TaskId)); // equally rare and new: in group order
        Assert.Equal([2], replay.Next([], []).Trajectories.Select(t => t.TaskId));
        Assert.Empty(replay.Next([], []).Trajectories); // three updates on, both are past the age of 2
        Assert.Equal(0, replay.Count);
    }

    [Fact]
    public void BadOptionsAndMismatchedAdvantagesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new SuccessReplay(new SuccessReplayOptions { PerUpdate = 0 }));
        Assert.Throws<ArgumentException>(() => new SuccessReplay(new SuccessReplayOptions { MinimumFailedShare = 1.5 }));
        var (groups, _) = Batch(Group(1, 1));
        Assert.Throws<ArgumentException>(() => new SuccessReplay(new SuccessReplayOptions()).Next(groups, [[1.0]]));
    }

    [Fact]
    public void AGroupedUpdateTrainsOnTheReplayedSuccessesBesideItsBatch()
    {
        using var model = LearningFixture.TinyPolicy(7);
        var rollouts = LearningFixture.EchoRollouts(model, 3);
        // One success in a group of four, then a group that all failed alike (no signal of its own).
        var rare = rollouts.Select((t, i) => t with { Score = i == 0 ? 1 : 0, Success = i == 0 }).ToList();
        var failed = rollouts.Select(t => t with { Score = 0, Success = false }).ToList();
        using var trainer = LearningFixture.Trainer(model);
        var replay = new SuccessReplay(new SuccessReplayOptions());

        var (first, _, firstDiagnostics) = GroupedUpdate.Apply(trainer, new GrpoAdvantageEstimator(), rare, groupSize: 4, new GroupedUpdateOptions { SuccessReplay = replay });
        var (second, metrics, diagnostics) = GroupedUpdate.Apply(trainer, new GrpoAdvantageEstimator(), failed, groupSize: 4, new GroupedUpdateOptions { SuccessReplay = replay });

        Assert.Equal(4, first);
        Assert.Equal(0, firstDiagnostics["successes replayed"]);
        // The failed group drops out; the success of the first update is trained on again, all its tokens.
        Assert.Equal(1, second);
        Assert.Equal(1, diagnostics["successes replayed"]);
        Assert.Equal(rare[0].ActionTokenCount, metrics!.Tokens);
    }
}
