using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Tests;

public sealed class EpisodeAndPolicyTests
{
    private const string FirstToss = "Toss 1: call heads or tails.";

    private static string CoinsCheckpoint(string folder) => BaseCheckpoints.Save(folder, "coins-base", () => new CoinsEnvironment(), actionNoise: 0.4);

    [Fact]
    public async Task ConcurrentRequestsShareForwardPassesAndRecordTheExactLogProbs()
    {
        using var folder = new TempDirectory();
        var checkpoint = CoinsCheckpoint(folder.Path);
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var policy = silo.Grains.GetGrain<IPolicyGrain>(PolicySource.Checkpoint(checkpoint));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => policy.Act(new ActRequest(FirstToss, [], 0, 1.0, 4))));

        // The first request starts a batch at once; the other fifteen arrive meanwhile and share the next one.
        Assert.Equal(16, results.Length);
        Assert.True(results.Max(r => r.BatchSize) >= 8, $"batch sizes {string.Join(", ", results.Select(r => r.BatchSize))}");
        using var replica = PolicyPackage.Unpack(PolicyPackage.FromCheckpoint(checkpoint));
        var observation = replica.Context.Encode(FirstToss);
        var scores = TeacherForcing.Score(replica.Model, results.Select(r => r.ContextTokens).ToList(), results.Select(r => r.ActionTokens).ToList(), 1.0, replica.Context.Tokenizer.Special.Padding);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(observation, results[i].ObservationTokens);
            Assert.Equal(replica.Context.Build([], observation), results[i].ContextTokens);
            Assert.Equal(0, results[i].Version);
            Assert.Equal(scores[i].LogProbs.Length, results[i].LogProbs.Length);
            for (var t = 0; t < scores[i].LogProbs.Length; t++)
            {
                Assert.Equal(scores[i].LogProbs[t], results[i].LogProbs[t], tolerance: 1e-4f);
            }
        }

        var tooNew = await Assert.ThrowsAsync<InvalidOperationException>(() => policy.Act(new ActRequest(FirstToss, [], 1, 1.0, 4)));
        Assert.Contains("holds version 0", tooNew.Message);
    }

    [Fact]
    public async Task AFinishedEpisodeIsStoredAndReturnedInsteadOfPlayedAgain()
    {
        using var folder = new TempDirectory();
        var checkpoint = CoinsCheckpoint(folder.Path);
        var request = new EpisodeRequest { Policy = PolicySource.Checkpoint(checkpoint), Environment = "coins", TaskId = 3, MaxActionTokens = 4 };
        EpisodeResult first;
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var episode = silo.Grains.GetGrain<IEpisodeGrain>("episode-1");
            Assert.Null(await episode.Result());

            first = await episode.Run(request);
            var again = await episode.Run(request);
            var changed = await Assert.ThrowsAsync<ArgumentException>(() => episode.Run(request with { TaskId = 4 }));

            Assert.False(first.Replayed);
            Assert.True(again.Replayed);
            Assert.Equal(first.Trajectory.Turns.Select(t => t.Action), again.Trajectory.Turns.Select(t => t.Action));
            Assert.Contains("different request", changed.Message);
            Assert.InRange(first.Trajectory.Turns.Count, 1, 6);
            Assert.Equal("0:False", first.Trajectory.StartCellKey);
            Assert.Equal(first.Trajectory.Turns[^1].Observation.Contains("You win", StringComparison.Ordinal), first.Trajectory.Success);
        }

        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var stored = await silo.Grains.GetGrain<IEpisodeGrain>("episode-1").Result();

            Assert.NotNull(stored);
            Assert.Equal(first.Trajectory.Turns.Select(t => t.ActionTokens), stored.Trajectory.Turns.Select(t => t.ActionTokens));
            Assert.Equal(first.Trajectory.Turns.Select(t => t.ActionLogProbs), stored.Trajectory.Turns.Select(t => t.ActionLogProbs));
            Assert.Equal(first.Trajectory.Score, stored.Trajectory.Score);
        }
    }

    [Fact]
    public async Task AnEpisodeAskedToMeasureProgressRecordsEachTurnsStepsTowardTheGoal()
    {
        using var folder = new TempDirectory();
        var checkpoint = CoinsCheckpoint(folder.Path);
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var request = new EpisodeRequest { Policy = PolicySource.Checkpoint(checkpoint), Environment = "coins", MaxActionTokens = 4 };
        var measured = new List<Trajectory>();
        var unmeasured = new List<Trajectory>();
        for (var i = 0; i < 8; i++)
        {
            measured.Add((await silo.Grains.GetGrain<IEpisodeGrain>($"measured-{i}").Run(request with { TaskId = i, MeasureProgress = true })).Trajectory);
            unmeasured.Add((await silo.Grains.GetGrain<IEpisodeGrain>($"unmeasured-{i}").Run(request with { TaskId = i })).Trajectory);
        }

        // In the coins game a right call is one step closer; a wrong call, or one that is no call, changes nothing.
        static double RightCall(Turn turn) => turn.Observation.StartsWith("Right", StringComparison.Ordinal) || turn.Observation.StartsWith("Both calls right", StringComparison.Ordinal) ? 1 : 0;
        Assert.All(measured.SelectMany(t => t.Turns), turn => Assert.Equal(RightCall(turn), turn.Progress));
        Assert.Contains(measured.SelectMany(t => t.Turns), turn => turn.Progress == 1);
        Assert.All(unmeasured.SelectMany(t => t.Turns), turn => Assert.Equal(0, turn.Progress));
    }

    [Fact]
    public async Task AnEpisodeThatStallsEndsAsAFailureWhereItStopsGettingCloser()
    {
        using var folder = new TempDirectory();
        var checkpoint = CoinsCheckpoint(folder.Path);
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        // Hot sampling makes many actions that are no call at all: rejected, and no step closer to winning.
        var request = new EpisodeRequest { Policy = PolicySource.Checkpoint(checkpoint), Environment = "coins", MaxActionTokens = 4, Temperature = 4 };
        var stalled = new List<Trajectory>();
        var patient = new List<Trajectory>();
        for (var i = 0; i < 8; i++)
        {
            stalled.Add((await silo.Grains.GetGrain<IEpisodeGrain>($"stalled-{i}").Run(request with { TaskId = i, StallTurns = 1 })).Trajectory);
            patient.Add((await silo.Grains.GetGrain<IEpisodeGrain>($"patient-{i}").Run(request with { TaskId = i })).Trajectory);
        }

        static bool Rejected(Turn turn) => !turn.Valid;
        Assert.All(stalled, t =>
        {
            Assert.All(t.Turns.SkipLast(1), turn => Assert.Equal(1, turn.Progress));
            if (Rejected(t.Turns[^1]))
            {
                Assert.False(t.Success);
                Assert.Equal(0, t.Score);
            }
        });
        Assert.Contains(stalled, t => Rejected(t.Turns[^1]));
        Assert.Contains(patient, t => t.Turns.SkipLast(1).Any(Rejected));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Grains.GetGrain<IEpisodeGrain>("negative").Run(request with { StallTurns = -1 }));
    }
}
