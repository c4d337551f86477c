using AgentRL.Environments.Generation;
using AgentRL.Learning.Curriculum;
using AgentRL.Learning.Tests.Reinforcement;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Curriculum;

public sealed class TaskReplayTests
{
    private static readonly TaskReplayOptions Options = new() { Fraction = 0.5, Capacity = 10, Temperature = 0.5, StalenessWeight = 0.2 };

    /// <summary>Three starts recorded at iterations 1, 3 and 2 with spreads 0.5, 0.3 and 0.1.</summary>
    private static TaskReplay ThreeStarts(TaskReplayOptions? options = null)
    {
        var replay = new TaskReplay(options ?? Options);
        replay.Record(10, 100, [1, 0, 1, 0], iteration: 1);
        replay.Record(20, 200, [0.8, 0.2], iteration: 3);
        replay.Record(30, 300, [0.1, 0.3], iteration: 2);
        return replay;
    }

    [Fact]
    public void PotentialIsThePopulationStandardDeviationOfTheGroupsScores()
    {
        Assert.Equal(0.5, TaskReplay.Potential([1, 0, 1, 0]), 12);
        Assert.Equal(0.1, TaskReplay.Potential([0.2, 0.4]), 12);
        Assert.Equal(0.0, TaskReplay.Potential([1, 1, 1]));
        Assert.Throws<ArgumentException>(() => TaskReplay.Potential([]));
    }

    [Fact]
    public void RecordGroupsRecordsEachGroupOfABatchButNotThoseStartedFromAnArchiveCell()
    {
        static Trajectory Episode(int task, int seed, double score, string? cell = null) =>
            new("coins", task, seed, [], score, score == 1, 0, StartedFrom: cell);
        var replay = new TaskReplay(Options);

        replay.RecordGroups(
            [
                Episode(1, 5, 1), Episode(1, 5, 0),
                Episode(2, 6, 1, "cell-a"), Episode(2, 6, 0, "cell-a"),
                Episode(3, 7, 1), Episode(3, 7, 1),
                Episode(4, 8, 0.25), Episode(4, 8, 0.75),
            ],
            groupSize: 2,
            iteration: 4);

        Assert.Equal([new ReplayedStart(1, 5, 0.5, 4), new ReplayedStart(4, 8, 0.25, 4)], replay.Starts.OrderBy(s => s.TaskId));
    }

    [Fact]
    public void OnlyGroupsThatDisagreedAreKeptAndOneThatAgreesLaterIsDropped()
    {
        var replay = new TaskReplay(Options);
        replay.Record(1, 7, [1, 1, 1, 1], iteration: 1);
        replay.Record(2, 8, [0, 0, 0, 0], iteration: 1);
        replay.Record(3, 9, [1, 0, 0, 0], iteration: 1);

        var kept = Assert.Single(replay.Starts);
        Assert.Equal(new ReplayedStart(3, 9, Math.Sqrt(3) / 4, 1), kept);

        replay.Record(3, 9, [1, 1, 1, 1], iteration: 2);
        Assert.Equal(0, replay.Count);
    }

    [Fact]
    public void ARecordedStartIsUpdatedInPlace()
    {
        var replay = ThreeStarts();

        replay.Record(10, 100, [0.6, 1.0], iteration: 4);

        Assert.Equal(3, replay.Count);
        Assert.Equal([(20, 200), (10, 100), (30, 300)], replay.Starts.Select(s => (s.TaskId, s.Seed)));
        Assert.Equal((0.2, 4), (Math.Round(replay.Starts[1].Potential, 12), replay.Starts[1].LastPlayed));
    }

    [Fact]
    public void ProbabilitiesMixRankWeightsWithStaleness()
    {
        var replay = ThreeStarts();

        // Ranks 1, 2, 3 at β = 0.5 weigh 1, 1/4, 1/9 (normalised: 36, 9, 4 over 49); at iteration 5 the starts have
        // waited 4, 2 and 3 iterations (over 9).
        double[] expected = [(0.8 * 36 / 49) + (0.2 * 4 / 9), (0.8 * 9 / 49) + (0.2 * 2 / 9), (0.8 * 4 / 49) + (0.2 * 3 / 9)];
        Assert.Equal([(10, 100), (20, 200), (30, 300)], replay.Starts.Select(s => (s.TaskId, s.Seed)));
        Assert.Equal(expected, replay.Probabilities(5), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void WithoutWaitingRankAloneDecides()
    {
        var replay = ThreeStarts();

        Assert.Equal([36.0 / 49, 9.0 / 49, 4.0 / 49], replay.Probabilities(1), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void DrawsFollowTheProbabilities()
    {
        var replay = ThreeStarts();
        var random = new DeterministicRandom(11);
        var counts = new Dictionary<int, int>();
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            var task = Assert.Single(replay.Choose(1, 5, random)).TaskId;
            counts[task] = counts.GetValueOrDefault(task) + 1;
        }

        var probabilities = replay.Probabilities(5);
        Assert.Equal(probabilities[0], counts[10] / (double)draws, 0.015);
        Assert.Equal(probabilities[1], counts[20] / (double)draws, 0.015);
        Assert.Equal(probabilities[2], counts[30] / (double)draws, 0.015);
    }

    [Fact]
    public void ChoiceIsDistinctDeterministicAndLimitedByWhatIsKept()
    {
        var replay = ThreeStarts();

        var all = replay.Choose(5, 5, new DeterministicRandom(3));

        Assert.Equal(3, all.Count);
        Assert.Equal(3, all.Select(s => s.TaskId).Distinct().Count());
        Assert.Equal(all, replay.Choose(5, 5, new DeterministicRandom(3)));
        Assert.Empty(new TaskReplay(Options).Choose(4, 1, new DeterministicRandom(3)));
    }

    [Fact]
    public void ASharpTemperatureReplaysTheTopStart()
    {
        var replay = ThreeStarts(Options with { Temperature = 0.01, StalenessWeight = 0 });
        var random = new DeterministicRandom(5);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(10, replay.Choose(1, 9, random)[0].TaskId));
    }

    [Fact]
    public void PastCapacityTheWeakestStartGoes()
    {
        var replay = ThreeStarts(Options with { Capacity = 2 });

        Assert.Equal([(10, 100), (20, 200)], replay.Starts.Select(s => (s.TaskId, s.Seed)));
    }

    [Fact]
    public void ReplaysAreTheConfiguredShareAsFarAsStartsAreKept()
    {
        var replay = ThreeStarts();

        Assert.Equal(3, replay.ReplaysFor(16));
        Assert.Equal(2, replay.ReplaysFor(3));
        Assert.Equal(0, new TaskReplay(Options with { Fraction = 0 }, replay.Starts).ReplaysFor(16));
    }

    [Fact]
    public void KeptStartsRestoreExactly()
    {
        var replay = ThreeStarts();

        var restored = new TaskReplay(Options, replay.Starts);

        Assert.Equal(replay.Starts, restored.Starts);
        Assert.Equal(replay.Choose(2, 6, new DeterministicRandom(9)), restored.Choose(2, 6, new DeterministicRandom(9)));
    }

    [Theory]
    [InlineData(-0.1, 10, 0.3, 0.1)]
    [InlineData(1.5, 10, 0.3, 0.1)]
    [InlineData(0.5, 0, 0.3, 0.1)]
    [InlineData(0.5, 10, 0, 0.1)]
    [InlineData(0.5, 10, 0.3, 1.2)]
    public void InvalidOptionsAreRejected(double fraction, int capacity, double temperature, double staleness)
    {
        var options = new TaskReplayOptions { Fraction = fraction, Capacity = capacity, Temperature = temperature, StalenessWeight = staleness };

        Assert.Throws<ArgumentException>(() => new TaskReplay(options));
    }
}
