using AgentRL.Client;
using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;

namespace AgentRL.Grains.Tests;

public sealed class SiloFaultTests
{
    [Fact]
    public async Task ARunSurvivesItsSiloProcessBeingKilledMidIteration()
    {
        using var folder = new TempDirectory();
        var port = SiloProcess.FreePort();
        var config = new TrainingRunConfig
        {
            Preset = "tiny", Iterations = 6, TasksPerIteration = 2, GroupSize = 4, Demonstrations = 5, CloningEpochs = 1, EvaluateEvery = 0, Seed = 3,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        await using (var silo = await SiloProcess.StartAsync(folder.Path, port))
        {
            await using var client = await AgentClient.ConnectAsync([silo.Gateway], timeout.Token);
            await client.StartRunAsync("fault", config, timeout.Token);
            await foreach (var update in client.WatchRunAsync("fault", timeout.Token))
            {
                if (update.Run.Iteration >= 2)
                {
                    break;
                }
            }

            // Let part of the next iteration's episodes finish (and be stored), then pull the plug.
            await Task.Delay(TimeSpan.FromMilliseconds(400), timeout.Token);
            silo.Kill();
        }

        await using (var silo = await SiloProcess.StartAsync(folder.Path, port))
        {
            await using var client = await AgentClient.ConnectAsync([silo.Gateway], timeout.Token);
            var interrupted = await client.GetRunAsync("fault", timeout.Token);
            Assert.Equal(RunStatus.Running, interrupted.Status);
            Assert.InRange(interrupted.Iteration, 2, 5);

            await client.ResumeRunAsync("fault", timeout.Token);
            await foreach (var _ in client.WatchRunAsync("fault", timeout.Token))
            {
            }

            var run = await client.GetRunAsync("fault", timeout.Token);
            var records = await client.GetIterationsAsync("fault", timeout.Token);
            Assert.Equal(RunStatus.Completed, run.Status);

            // Every iteration once, each weight version once, and training went on from the recorded checkpoint.
            Assert.Equal([1, 2, 3, 4, 5, 6], records.Select(r => r.Iteration));
            Assert.Equal([1, 2, 3, 4, 5, 6], records.Select(r => r.PolicyVersion));
            Assert.Equal("6", PolicyCheckpoint.ReadInfo(run.Checkpoint!).Metadata["version"]);

            // Every slot (iteration, task, member) trained on exactly one stored episode, played by the version before.
            var slots = records.SelectMany(r => r.EpisodeIds.Select(id => (r.Iteration, Slot: string.Join('/', id.Split('/').Take(4)), Id: id))).ToList();
            Assert.Equal(6 * 8, slots.Count);
            Assert.Equal(slots.Count, slots.Select(s => s.Slot).Distinct().Count());
            foreach (var (iteration, _, id) in slots)
            {
                var result = await client.Grains.GetGrain<IEpisodeGrain>(id).Result();
                Assert.NotNull(result);
                Assert.Equal(iteration - 1, result.Trajectory.PolicyVersion);
            }
        }
    }
}
