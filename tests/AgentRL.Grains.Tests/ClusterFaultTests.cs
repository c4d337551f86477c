using AgentRL.Client;
using AgentRL.Grains.Training;
using Xunit.Abstractions;

namespace AgentRL.Grains.Tests;

/// <summary>
/// A training run on a cluster of three silo processes (one with the learner role) survives a non-learner silo being
/// killed with SIGKILL mid-run and started again later: the run finishes, and its persisted records show every episode
/// slot trained on exactly once.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private static readonly TrainingRunConfig Config = new()
    {
        Preset = "tiny", Iterations = 6, TasksPerIteration = 3, GroupSize = 4, Demonstrations = 5, CloningEpochs = 1, EvaluateEvery = 0, Seed = 5,
    };

    [Fact]
    public async Task ARunOnASqliteClusterSurvivesASiloKilledMidRun()
    {
        using var folder = new TempDirectory();
        await RunThroughAKillAsync(folder.Path, folder.File("cluster.db"));
    }

    [Fact]
    public async Task ARunOnAPostgresClusterSurvivesASiloKilledMidRun()
    {
        using var folder = new TempDirectory();
        await using var postgres = await PostgresServer.StartAsync();
        await RunThroughAKillAsync(folder.Path, postgres.ConnectionString);
    }

    private async Task RunThroughAKillAsync(string data, string clusterDb)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ports = Enumerable.Range(0, 3).Select(_ => SiloProcess.FreePort()).ToArray();
        string[] Arguments(int silo) => silo == 0
            ? ["--cluster-db", clusterDb, "--log-level", "Information", "--role", TrainingRoles.Learner]
            : ["--cluster-db", clusterDb, "--log-level", "Information"];
        // The learner silo first: the others then see its role from their first view, so the learner lands there.
        var learner = await SiloProcess.StartAsync(data, ports[0], Arguments(0));
        SiloProcess[] silos = [learner, .. await Task.WhenAll(Enumerable.Range(1, 2).Select(i => SiloProcess.StartAsync(data, ports[i], Arguments(i))))];
        try
        {
            await using var client = await AgentClient.ConnectAsync([.. silos.Select(s => s.Gateway)], timeout.Token);
            await client.StartRunAsync("cluster-fault", Config, timeout.Token);
            var (killed, restarted) = (false, false);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await foreach (var update in client.WatchRunAsync("cluster-fault", timeout.Token))
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s: {update.Message}");
                if (!killed && update.Run.Iteration >= 2)
                {
                    // Let part of the next iteration's episodes finish (and be stored), then pull the plug.
                    await Task.Delay(TimeSpan.FromMilliseconds(300), timeout.Token);
                    silos[2].Kill();
                    killed = true;
                }
                else if (killed && !restarted && update.Run.Iteration >= 4)
                {
                    silos[2] = await SiloProcess.StartAsync(data, ports[2], Arguments(2));
                    restarted = true;
                }
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s: watched to the end");
            Assert.True(killed, "the run ended before the silo could be killed");
            await PersistedRunChecks.AssertEveryEpisodeCountedOnceAsync(client, "cluster-fault", iterations: 6, episodesPerIteration: 12, timeout.Token);
        }
        finally
        {
            foreach (var (silo, i) in silos.Select((s, i) => (s, i)))
            {
                await silo.DisposeAsync();
                output.WriteLine($"--- silo {i} ({silo.Gateway}):\n{silo.Output}");
            }
        }
    }
}
