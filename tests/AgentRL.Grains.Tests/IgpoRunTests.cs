using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;

namespace AgentRL.Grains.Tests;

public sealed class IgpoRunTests
{
    [Fact]
    public async Task EpisodesScoreTheGroundTruthThroughThePolicyReplicaAndKeepTheScores()
    {
        using var folder = new TempDirectory();
        var checkpoint = QuizCheckpoint(folder.Path);
        var request = new EpisodeRequest { Policy = PolicySource.Checkpoint(checkpoint), Environment = "quiz", TaskId = 3, MaxActionTokens = 8, AnswerPrefix = "answer[" };
        EpisodeResult scored;
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            scored = await silo.Grains.GetGrain<IEpisodeGrain>("scored").Run(request);
            var plain = await silo.Grains.GetGrain<IEpisodeGrain>("plain").Run(request with { AnswerPrefix = null });

            Assert.Equal("tails", plain.Trajectory.GroundTruth);
            Assert.Null(plain.Trajectory.GroundTruthLogProbs);
            await silo.StopAsync();
        }

        var trajectory = scored.Trajectory;
        Assert.Equal("tails", trajectory.GroundTruth);
        using var replica = PolicyPackage.Unpack(PolicyPackage.FromCheckpoint(checkpoint));
        var expected = new GroundTruthProbe(replica.Context.Tokenizer).MeanLogProbs(replica.Model, trajectory.Turns.Select(t => t.ContextTokens).ToList(), "tails");
        Assert.Equal(trajectory.Turns.Count, trajectory.GroundTruthLogProbs!.Length);
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t], trajectory.GroundTruthLogProbs[t], 1e-4);
        }

        // The scores are stored with the episode: a new silo returns them.
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var stored = await silo.Grains.GetGrain<IEpisodeGrain>("scored").Result();
            Assert.Equal(trajectory.GroundTruthLogProbs, stored!.Trajectory.GroundTruthLogProbs);
        }
    }

    [Fact]
    public async Task AnIgpoRunTrainsOnInformationGainAndReportsIt()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var run = silo.Grains.GetTrainingRun("igpo");
        var config = TrainingSilo.CoinsRun(iterations: 2);
        (config.Environment, config.Algorithm) = ("quiz", AdvantageEstimators.Igpo);

        await run.Start(config);
        await TrainingRunTests.WatchToEndAsync(run);
        var info = await run.Info();
        var records = await run.Iterations();

        Assert.Equal(RunStatus.Completed, info.Status);
        Assert.All(records, r => Assert.Equal(["igpo_answer_probability_end", "igpo_answer_probability_start", "igpo_format_failures", "igpo_information_gain"], r.Diagnostics.Keys.Order()));
        Assert.All(records, r => Assert.InRange(r.Diagnostics["igpo_answer_probability_start"], 0, 1));
        Assert.True(records.Sum(r => r.Trained) > 0);
        // Training episodes carry one ground-truth score per turn, as IGPO needs.
        foreach (var id in records[0].EpisodeIds)
        {
            var trajectory = (await silo.Grains.GetGrain<IEpisodeGrain>(id).Result())!.Trajectory;
            Assert.Equal(trajectory.Turns.Count, trajectory.GroundTruthLogProbs!.Length);
            Assert.All(trajectory.GroundTruthLogProbs, p => Assert.InRange(p, double.MinValue, 0));
        }
    }

    [Fact]
    public async Task AnIgpoRunOnAnEnvironmentWithoutAGroundTruthFailsClearly()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var run = silo.Grains.GetTrainingRun("igpo-coins");
        var config = TrainingSilo.CoinsRun(iterations: 2);
        config.Algorithm = AdvantageEstimators.Igpo;

        await run.Start(config);
        await TrainingRunTests.WatchToEndAsync(run);
        var info = await run.Info();

        Assert.Equal(RunStatus.Failed, info.Status);
        Assert.Contains("'coins' exposes none", info.Message, StringComparison.Ordinal);
    }

    private static string QuizCheckpoint(string folder) => BaseCheckpoints.Save(folder, "quiz-base", () => new QuizEnvironment(), actionNoise: 0.3);
}
