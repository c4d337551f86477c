using AgentRL.Client;
using AgentRL.Grains.Training;

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

            await PersistedRunChecks.AssertEveryEpisodeCountedOnceAsync(client, "fault", iterations: 6, episodesPerIteration: 8, timeout.Token);
        }
    }
}
