using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Reinforcement;

namespace AgentRL.Grains.Tests;

public sealed class LearnedEstimatorRunTests
{
    [Fact]
    public async Task AnOprlRunTrainsItsRewardModelAndResumesItFromTheCheckpoint()
    {
        using var folder = new TempDirectory();
        var (records, checkpoint) = await RunWithARestartAsync(folder.Path, AdvantageEstimators.Oprl);

        Assert.All(records, r => Assert.Equal(["prm_loss", "prm_pair_accuracy", "prm_pairs", "prm_step_reward_max"], r.Diagnostics.Keys.Order()));
        var withPairs = records.Count(r => r.Diagnostics["prm_pairs"] > 0);
        Assert.True(withPairs > 0, "no iteration had a group with both a success and a failure");
        Assert.All(records, r => Assert.InRange(r.Diagnostics["prm_pair_accuracy"], 0, 1));

        // The reward model is saved inside each checkpoint and, after the restart, continued from it: it took one
        // step in every iteration that had pairs, before and after the restart.
        Assert.Equal(withPairs, PolicyCheckpoint.ReadInfo(Path.Combine(checkpoint, "estimator")).Step);
    }

    [Fact]
    public async Task AnArcherRunKeepsItsCriticAndReplayBufferAcrossARestart()
    {
        using var folder = new TempDirectory();
        var (records, checkpoint) = await RunWithARestartAsync(folder.Path, AdvantageEstimators.Archer);

        Assert.All(records, r => Assert.Equal(["actor_frozen", "critic_advantage_std", "critic_q_mean", "critic_td_error", "critic_v_mean", "replay_transitions"], r.Diagnostics.Keys.Order()));
        // The actor waits out the two warm-up iterations, then trains on the critic's advantages.
        Assert.Equal([1.0, 1.0, 0.0, 0.0], records.Select(r => r.Diagnostics["actor_frozen"]));
        Assert.Equal([0, 0], records.Take(2).Select(r => r.Trained));
        Assert.True(records.Skip(2).Sum(r => r.Trained) > 0);
        // The buffer kept every turn of all four iterations, across the restart.
        var buffered = records.Select(r => r.Diagnostics["replay_transitions"]).ToList();
        Assert.True(buffered.Zip(buffered.Skip(1)).All(p => p.Second > p.First), $"buffer sizes {string.Join(", ", buffered)}");
        Assert.Equal(records.Sum(r => r.MeanTurns * r.EpisodeIds.Count), buffered[^1], 6);
        var estimator = await File.ReadAllTextAsync(Path.Combine(checkpoint, "estimator", "archer.json"));
        Assert.Contains("\"updates\":4", estimator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APpoRunKeepsItsValueModelAcrossARestart()
    {
        using var folder = new TempDirectory();
        var (records, checkpoint) = await RunWithARestartAsync(folder.Path, AdvantageEstimators.Ppo);

        Assert.All(records, r => Assert.Equal(["value_explained_variance", "value_loss", "value_mean"], r.Diagnostics.Keys.Order()));
        Assert.True(records.Sum(r => r.Trained) > 0);
        // One value update per iteration, before and after the restart: the resumed run continued the saved model.
        var estimator = await File.ReadAllTextAsync(Path.Combine(checkpoint, "estimator", "ppo.json"));
        Assert.Contains("\"updates\":4", estimator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumingALearnedEstimatorFromACheckpointWithoutOneFailsClearly()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var grpo = silo.Grains.GetTrainingRun("plain");
        await grpo.Start(TrainingSilo.CoinsRun(iterations: 1));
        await TrainingRunTests.WatchToEndAsync(grpo);
        var checkpoint = (await grpo.Info()).Checkpoint!;
        var config = TrainingSilo.CoinsRun(iterations: 1);
        config.Algorithm = AdvantageEstimators.Archer;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => silo.Grains.GetGrain<ILearnerGrain>("plain").Initialize(config, checkpoint));

        Assert.Contains("has no 'estimator' folder", error.Message, StringComparison.Ordinal);
        Assert.Contains("archer", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs 4 iterations of the coins game with <paramref name="algorithm"/>, stopping the silo after the second and resuming.</summary>
    private static async Task<(IReadOnlyList<IterationRecord> Records, string Checkpoint)> RunWithARestartAsync(string folder, string algorithm)
    {
        var config = TrainingSilo.CoinsRun(iterations: 4);
        config.Algorithm = algorithm;
        config.KlCoefficient = 0;
        config.ProcessRewardLearningRate = 3e-3;
        config.CriticSteps = 5;
        await using (var silo = await TrainingSilo.StartAsync(folder))
        {
            var run = silo.Grains.GetTrainingRun(algorithm);
            await run.Start(config);
            await foreach (var update in TrainingRunTests.WatchAsync(run))
            {
                if (update.Run.Iteration >= 2)
                {
                    break;
                }
            }

            await silo.StopAsync();
        }

        await using (var silo = await TrainingSilo.StartAsync(folder))
        {
            var run = silo.Grains.GetTrainingRun(algorithm);
            await run.Resume();
            await TrainingRunTests.WatchToEndAsync(run);
            var info = await run.Info();
            var records = await run.Iterations();

            Assert.Equal(RunStatus.Completed, info.Status);
            Assert.Equal([1, 2, 3, 4], records.Select(r => r.Iteration));
            return (records, info.Checkpoint!);
        }
    }
}
