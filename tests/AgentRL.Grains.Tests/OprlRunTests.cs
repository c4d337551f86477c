using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Reinforcement;

namespace AgentRL.Grains.Tests;

public sealed class OprlRunTests
{
    [Fact]
    public async Task AnOprlRunTrainsItsRewardModelAndResumesItFromTheCheckpoint()
    {
        using var folder = new TempDirectory();
        var config = TrainingSilo.CoinsRun(iterations: 4);
        config.Algorithm = AdvantageEstimators.Oprl;
        config.KlCoefficient = 0;
        config.ProcessRewardLearningRate = 3e-3;
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("oprl");
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

        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("oprl");
            await run.Resume();
            await TrainingRunTests.WatchToEndAsync(run);
            var info = await run.Info();
            var records = await run.Iterations();

            Assert.Equal(RunStatus.Completed, info.Status);
            Assert.Equal([1, 2, 3, 4], records.Select(r => r.Iteration));
            Assert.All(records, r => Assert.Equal(["prm_loss", "prm_pair_accuracy", "prm_pairs", "prm_step_reward_max"], r.Diagnostics.Keys.Order()));
            var withPairs = records.Count(r => r.Diagnostics["prm_pairs"] > 0);
            Assert.True(withPairs > 0, "no iteration had a group with both a success and a failure");
            Assert.All(records, r => Assert.InRange(r.Diagnostics["prm_pair_accuracy"], 0, 1));

            // The reward model is saved inside each checkpoint and, after the restart, continued from it: it took one
            // step in every iteration that had pairs, before and after the restart.
            var estimator = Path.Combine(info.Checkpoint!, "estimator");
            Assert.Equal(withPairs, PolicyCheckpoint.ReadInfo(estimator).Step);
        }
    }
}
