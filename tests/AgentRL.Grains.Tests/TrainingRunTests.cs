using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Trajectories;
using AgentRL.Runtime;
using AgentRL.Torch;

namespace AgentRL.Grains.Tests;

public sealed class TrainingRunTests
{
    [Fact]
    public async Task EpisodesGroupsLearnerStepsAndWeightVersionsFlowAsDesigned()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var config = TrainingSilo.CoinsRun(iterations: 3);
        var run = silo.Grains.GetTrainingRun("flow");

        var started = await run.Start(config);
        var messages = await WatchToEndAsync(run);

        Assert.Equal(RunStatus.Running, started.Status);
        var info = await run.Info();
        Assert.Equal(RunStatus.Completed, info.Status);
        Assert.Equal((3, 3), (info.Iteration, info.PolicyVersion));
        Assert.NotNull(info.BaseSuccess);
        Assert.Contains(messages, m => m.StartsWith("base model: validation success", StringComparison.Ordinal));
        Assert.Equal(["iteration 1/3", "iteration 2/3", "iteration 3/3", "completed"], messages.Where(m => m.StartsWith("iteration", StringComparison.Ordinal) || m == "completed"));

        var records = await run.Iterations();
        Assert.Equal([1, 2, 3], records.Select(r => r.Iteration));
        Assert.Equal([1, 2, 3], records.Select(r => r.PolicyVersion));
        Assert.Equal([false, true, true], records.Select(r => r.ValidationSuccess is not null));
        Assert.True(records.Sum(r => r.Trained) > 0, $"the learner trained on no group; rollout success {string.Join(", ", records.Select(r => r.RolloutSuccess))}, base {info.BaseSuccess}");
        foreach (var record in records)
        {
            // One episode per (task, member) slot; each group starts alike; every episode came from the version
            // trained up to the previous iteration (on-policy), with exact tokens and log-probs per turn.
            var expected = from t in Enumerable.Range(0, 2) from m in Enumerable.Range(0, 4) select $"flow/i{record.Iteration}/t{t}/m{m}";
            Assert.Equal(expected.Order(), record.EpisodeIds.Order());
            var trajectories = await silo.TrajectoriesAsync(record.EpisodeIds);

            Assert.All(trajectories, t => Assert.Equal(record.Iteration - 1, t.PolicyVersion));
            Assert.All(trajectories.Chunk(4), group => Assert.Single(group.Select(t => (t.TaskId, t.Seed)).Distinct()));
            Assert.All(trajectories.SelectMany(t => t.Turns), turn =>
            {
                Assert.Equal(turn.ActionTokens.Length, turn.ActionLogProbs.Length);
                Assert.All(turn.ActionLogProbs, p => Assert.True(p <= 0));
            });
            Assert.Equal(trajectories.Average(t => t.Success ? 1.0 : 0.0), record.RolloutSuccess, 12);
        }

        // The checkpoint on disk matches the run's record, and the learner serves that version.
        var checkpoint = PolicyCheckpoint.ReadInfo(info.Checkpoint!);
        Assert.Equal("3", checkpoint.Metadata["version"]);
        Assert.True(checkpoint.Step > 0);
        var learner = silo.Grains.GetGrain<ILearnerGrain>("flow");
        Assert.Equal(3, PolicyPackage.Version(await learner.GetPolicy(3)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => learner.GetPolicy(4));
    }

    [Fact]
    public async Task ARunOutlivesAGracefulRestartAndResumesFromItsCheckpoint()
    {
        using var folder = new TempDirectory();
        var config = TrainingSilo.CoinsRun(iterations: 4);
        int recordedBefore;
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("restart");
            await run.Start(config);
            await foreach (var update in WatchAsync(run))
            {
                if (update.Run.Iteration >= 2)
                {
                    break;
                }
            }

            // Shutting down ends the loop between iterations and leaves the run resumable.
            await silo.StopAsync();
        }

        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("restart");
            var interrupted = await run.Info();
            recordedBefore = interrupted.Iteration;
            Assert.Equal(RunStatus.Running, interrupted.Status);
            Assert.InRange(recordedBefore, 2, 3);

            await run.Resume();
            await WatchToEndAsync(run);
            var info = await run.Info();
            var records = await run.Iterations();
            Assert.Equal(RunStatus.Completed, info.Status);
            Assert.Equal([1, 2, 3, 4], records.Select(r => r.Iteration));
            Assert.Equal([1, 2, 3, 4], records.Select(r => r.PolicyVersion));
            Assert.Equal(records.Count * 8, records.SelectMany(r => r.EpisodeIds).Distinct().Count());
        }
    }

    [Fact]
    public async Task LostEpisodesArePlayedAgainUnderANewIdAndCountedOnce()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var run = silo.Grains.GetTrainingRun("flaky");
        var config = TrainingSilo.CoinsRun(iterations: 1);
        config.Environment = "flaky-coins";
        config.EvaluateEvery = 0;

        await run.Start(config);
        await WatchToEndAsync(run);

        var info = await run.Info();
        Assert.True(info.Status == RunStatus.Completed, $"{info.Status}: {info.Message}");
        var record = Assert.Single(await run.Iterations());
        Assert.InRange(record.Retries, 1, 2);
        Assert.Equal(record.Retries, record.EpisodeIds.Count(id => id.EndsWith("/retry1", StringComparison.Ordinal)));
        Assert.Equal(8, record.EpisodeIds.Select(id => string.Join('/', id.Split('/').Take(4))).Distinct().Count());
    }

    [Fact]
    public async Task ARunsPastActionsReachThePolicysPrompts()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var config = TrainingSilo.CoinsRun(iterations: 1);
        config.ContextActions = 2;
        var run = silo.Grains.GetTrainingRun("past-actions");

        await run.Start(config);
        await WatchToEndAsync(run);

        var info = await run.Info();
        var tokenizer = PolicyCheckpoint.LoadTokenizer(info.Checkpoint!);
        Assert.Equal(2, PolicyPackage.Context(tokenizer, PolicyCheckpoint.ReadInfo(info.Checkpoint!).Metadata).PastActions);
        var special = tokenizer.Special;
        var episode = (await silo.TrajectoriesAsync((await run.Iterations())[0].EpisodeIds)).First(t => t.Turns.Count >= 3);
        for (var turn = 0; turn < episode.Turns.Count; turn++)
        {
            // The context opens with the last (up to) two actions, oldest first, each as <|action|> tokens, then the
            // current observation; no past observation appears. (A sampled action may itself hold any token, the
            // observation marker included, so the marker is counted only after the actions.)
            int[] expected = [.. episode.Turns.Take(turn).TakeLast(2).SelectMany(t => (int[])[special.Action, .. t.ActionTokens])];
            Assert.Equal(expected, episode.Turns[turn].ContextTokens[..expected.Length]);
            Assert.Equal(special.Observation, episode.Turns[turn].ContextTokens[expected.Length]);
            Assert.DoesNotContain(special.Observation, episode.Turns[turn].ContextTokens[(expected.Length + 1)..]);
        }
    }

    [Fact]
    public async Task BadRequestsGetClearErrorsAndChangeNothing()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var run = silo.Grains.GetTrainingRun("bad");

        var unknownEnvironment = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { Environment = "chess" }));
        var unknownAlgorithm = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { Algorithm = "dqn" }));
        var tinyGroup = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { GroupSize = 1 }));
        var noDaggerEpisodes = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { DaggerRounds = 1, DaggerEpisodes = 0 }));
        var negativeWarmup = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { LearningRateWarmupSteps = -1 }));
        var labelNoise = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { DaggerLabelNoise = 1.5 }));
        var pastActions = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(new TrainingRunConfig { ContextActions = -1 }));
        var resumeMissing = await Assert.ThrowsAsync<InvalidOperationException>(() => run.Resume());

        Assert.Contains("chess", unknownEnvironment.Message);
        Assert.Contains("dqn", unknownAlgorithm.Message);
        Assert.Contains("GroupSize", tinyGroup.Message);
        Assert.Contains("DaggerEpisodes", noDaggerEpisodes.Message);
        Assert.Contains("LearningRateWarmupSteps", negativeWarmup.Message);
        Assert.Contains("DaggerLabelNoise", labelNoise.Message);
        Assert.Contains("ContextActions", pastActions.Message);
        Assert.Contains("no run 'bad'", resumeMissing.Message);
        Assert.Equal(RunStatus.None, (await run.Info()).Status);
        Assert.Empty(await silo.Grains.GetRunRegistry().RunIds());

        await run.Start(TrainingSilo.CoinsRun(iterations: 1));
        var changed = await Assert.ThrowsAsync<ArgumentException>(() => run.Start(TrainingSilo.CoinsRun(iterations: 2)));
        Assert.Contains("different configuration", changed.Message);
        await WatchToEndAsync(run);
        Assert.Equal(["bad"], await silo.Grains.GetRunRegistry().RunIds());
    }

    [Fact]
    public async Task TheRunsInvalidActionPenaltyGivesTheLearnerSignalFromRejectedTurnsAlone()
    {
        // A group that failed throughout carries no GRPO signal; with the penalty its rejected turn is trained on.
        static Trajectory Failed(bool valid) => new("coins", 0, 0, [new Turn([1, 2, 3], [4, 5], [-1f, -1f], "x", "o", valid ? 0 : -0.1, valid, "k")], 0, false, 0);

        await AssertTurnPenaltyTrainsOneOfFourFailures([Failed(true), Failed(false), Failed(true), Failed(true)], config => config.InvalidActionPenalty = 0.5, config => config.InvalidActionPenalty = -1, nameof(TrainingRunConfig.InvalidActionPenalty));
    }

    [Fact]
    public async Task TheRunsRevisitPenaltyGivesTheLearnerSignalFromLoopingTurnsAlone()
    {
        // Four failures alike; one stepped back into the state its first turn reached, which only the revisit penalty counts.
        static Turn Reaching(string cell) => new([1, 2, 3], [4, 5], [-1f, -1f], "x", "o", 0, true, cell);
        static Trajectory Failed(string second) => new("coins", 0, 0, [Reaching("a"), Reaching(second)], 0, false, 0);

        await AssertTurnPenaltyTrainsOneOfFourFailures([Failed("b"), Failed("a"), Failed("c"), Failed("d")], config => config.RevisitPenalty = 0.5, config => config.RevisitPenalty = -1, nameof(TrainingRunConfig.RevisitPenalty));
    }

    [Fact]
    public async Task TheRunsProgressShapingGivesTheLearnerSignalFromTurnsThatGotCloser()
    {
        // Four failures alike; one turn of one of them brought its episode a step closer to the goal.
        static Trajectory Failed(double progress) => new("coins", 0, 0, [new Turn([1, 2, 3], [4, 5], [-1f, -1f], "x", "o", 0, true, "k", Progress: progress)], 0, false, 0);

        await AssertTurnPenaltyTrainsOneOfFourFailures([Failed(0), Failed(0), Failed(1), Failed(0)], config => config.ProgressShaping = 0.1, config => config.ProgressShaping = -1, nameof(TrainingRunConfig.ProgressShaping));
    }

    [Fact]
    public async Task TheRunsBlameSettingsLeaveTheFailuresTheySpareOutOfTheUpdate()
    {
        // Two successes and two failures, one of each with a turn that brought its episode a step closer to the goal.
        static Trajectory Played(double score, double progress) => new("coins", 0, 0, [new Turn([1, 2, 3], [4, 5], [-1f, -1f], "x", "o", 0, true, "k", Progress: progress)], score, score > 0, 0);
        Trajectory[] group = [Played(1, 1), Played(1, 0), Played(0, 1), Played(0, 0)];
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        async Task<int> Trained(string learner, Action<TrainingRunConfig> set)
        {
            var config = TrainingSilo.CoinsRun(iterations: 1);
            set(config);
            var grain = silo.Grains.GetGrain<ILearnerGrain>(learner);
            await grain.Initialize(config, null);
            return (await grain.Train(group, groupSize: 4)).Trained;
        }

        Assert.Equal(4, await Trained("plain", _ => { }));
        Assert.Equal(3, await Trained("spared", config => config.ProgressingTurnBlame = 0)); // the failure that progressed has no blame left
        Assert.Equal(2, await Trained("successes", config => config.NegativeAdvantageScale = 0));
        foreach (var outOfRange in new Action<TrainingRunConfig>[] { config => config.NegativeAdvantageScale = 1.5, config => config.ProgressingTurnBlame = -0.5 })
        {
            var config = new TrainingRunConfig();
            outOfRange(config);
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetTrainingRun("out-of-range").Start(config));
            Assert.Contains("must be in [0, 1]", refused.Message);
        }
    }

    [Fact]
    public async Task ARunRefusesANegativeStallLimitByName()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetTrainingRun("stall").Start(new TrainingRunConfig { StallTurns = -1 }));

        Assert.Contains(nameof(TrainingRunConfig.StallTurns), refused.Message);
    }

    /// <summary>A learner without the penalty trains on none of the group; with it, on the one rollout it picks out; a negative penalty is refused by name.</summary>
    private static async Task AssertTurnPenaltyTrainsOneOfFourFailures(Trajectory[] group, Action<TrainingRunConfig> penalise, Action<TrainingRunConfig> invalid, string setting)
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var plain = silo.Grains.GetGrain<ILearnerGrain>("plain");
        await plain.Initialize(TrainingSilo.CoinsRun(iterations: 1), null);
        var withPenalty = TrainingSilo.CoinsRun(iterations: 1);
        penalise(withPenalty);
        var penalised = silo.Grains.GetGrain<ILearnerGrain>("penalised");
        await penalised.Initialize(withPenalty, null);

        Assert.Equal(0, (await plain.Train(group, groupSize: 4)).Trained);
        Assert.Equal(1, (await penalised.Train(group, groupSize: 4)).Trained);
        var negative = new TrainingRunConfig();
        invalid(negative);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetTrainingRun("negative").Start(negative));
        Assert.Contains(setting, refused.Message);
    }

    [Fact]
    public void TheRunsStdSettingChoosesBetweenGrpoAndDrGrpoAdvantages()
    {
        // Two successes a step apart and two failures: centred, the scores are 0.525, 0.425, -0.475, -0.475.
        static Trajectory Scored(double score) => new("coins", 0, 0, [new Turn([1, 2], [3], [-1f], "x", "o", 0, true, "k")], score, score > 0, 0);
        Trajectory[] group = [Scored(1.0), Scored(0.9), Scored(0), Scored(0)];
        static double[] Advantages(TrainingRunConfig config, Trajectory[] group) => config.StatelessEstimator().Estimate(group).Select(a => Assert.Single(a)).ToArray();
        double[] expected = [0.525, 0.425, -0.475, -0.475];
        var std = Math.Sqrt(expected.Sum(a => a * a) / expected.Length);

        var scaled = Advantages(new TrainingRunConfig(), group);
        var centred = Advantages(new TrainingRunConfig { ScaleAdvantagesByStd = false }, group);
        var gigpoCentred = Advantages(new TrainingRunConfig { Algorithm = "gigpo", ScaleAdvantagesByStd = false, StepAdvantageWeight = 0 }, group);

        for (var i = 0; i < group.Length; i++)
        {
            Assert.Equal(expected[i] / (std + GroupBaselines.Epsilon), scaled[i], 9);
            Assert.Equal(expected[i], centred[i], 9);
            Assert.Equal(expected[i], gigpoCentred[i], 9);
        }
    }

    [Fact]
    public async Task ALearnerOnADeviceTheSiloLacksFailsSayingSo()
    {
        using var folder = new TempDirectory();
        var missing = Device.Cuda(TorchRuntime.CudaDeviceCount).ToString();
        await using var silo = await TrainingSilo.StartAsync(folder.Path, o => o.Device = missing);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ILearnerGrain>("gpu").Initialize(TrainingSilo.CoinsRun(iterations: 1), null));

        Assert.Contains($"'{missing}' names a CUDA device, but libtorch sees {TorchRuntime.CudaDeviceCount}", error.Message);
        // Nothing was cloned on the way: the device is checked before any work.
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "runs", "gpu", "checkpoints", "base")));
    }

    internal static async Task<List<string>> WatchToEndAsync(ITrainingRunGrain run)
    {
        var messages = new List<string>();
        await foreach (var update in WatchAsync(run))
        {
            messages.Add(update.Message);
        }

        return messages;
    }

    internal static IAsyncEnumerable<RunUpdate> WatchAsync(ITrainingRunGrain run) =>
        UpdateFeedClient.WatchAsync<RunUpdate>(run.WatchUpdates, TimeSpan.FromSeconds(5), cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
}
