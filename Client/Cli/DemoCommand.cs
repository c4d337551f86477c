using System.CommandLine;
using AgentRL.Client;
using AgentRL.Client.Diagnostics;
using AgentRL.Environments.Grains;
using AgentRL.Grains.Demo;
using AgentRL.Runtime;

namespace AgentRL.Cli;

/// <summary>
/// `agentrl demo`: starts an embedded silo (or joins one) and exercises grains end to end: persistent state across
/// runs, a concurrent fan-out whose totals are checked, a timer-driven job watched live, and the local call rate.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var grains = new Option<int>("--grains") { Description = "Tally grains in the fan-out.", DefaultValueFactory = _ => 200 };
        var increments = new Option<int>("--increments") { Description = "Increments per tally grain.", DefaultValueFactory = _ => 5 };
        var command = new Command("demo", "Start an embedded silo (SQLite) and exercise grains: state, fan-out, an environment episode, live progress, call rate.")
        {
            gateway, data, grains, increments,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(gateway), parse.GetValue(data)!, parse.GetValue(grains), parse.GetValue(increments), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? gateway, string data, int grainCount, int incrementCount, CancellationToken cancellationToken)
    {
        await using var client = await CommonOptions.ConnectAsync(gateway, data, cancellationToken);
        Console.WriteLine($"grains run in: {client.Description}");

        var run = await client.Grains.GetGrain<ITallyGrain>("demo-runs").Add(1);
        Console.WriteLine($"run #{run} against this storage (the count persists across runs)");

        var failures = await FanOutAsync(client.Grains, run, grainCount, incrementCount);
        failures += await PlayEpisodeAsync(client.Grains, $"demo-{run}");
        var job = await WatchJobAsync(client.Grains, $"pi-{run}", cancellationToken);
        var rate = await CallRateMeter.MeasureAsync(
            caller => client.Grains.GetGrain<IPingGrain>(caller).Ping(caller), 64, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), cancellationToken);

        Console.WriteLine($"ping: {rate.CallsPerSecond:N0} calls/s with 64 concurrent callers (p50 {rate.P50Microseconds:N1} µs, p99 {rate.P99Microseconds:N1} µs)");
        Console.WriteLine(failures == 0 && Math.Abs(job - Math.PI) < 0.05
            ? "demo passed: every total matched, the episode succeeded and the job converged"
            : $"demo FAILED: {failures} checks failed, job estimate {job:F4}");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> FanOutAsync(IGrainFactory grains, long run, int grainCount, int incrementCount)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tallies = Enumerable.Range(0, grainCount).Select(i => grains.GetGrain<ITallyGrain>($"tally-{i}")).ToArray();
        var before = await Task.WhenAll(tallies.Select(t => t.Get()));
        await Task.WhenAll(tallies.SelectMany(t => Enumerable.Range(1, incrementCount).Select(i => t.Add(i))));
        var after = await Task.WhenAll(tallies.Select(t => t.Get()));
        var expectedGain = incrementCount * (incrementCount + 1) / 2;
        var failures = before.Zip(after).Count(p => p.Second - p.First != expectedGain);
        Console.WriteLine($"fan-out: {grainCount * incrementCount:N0} persisted increments over {grainCount} grains in {clock.Elapsed.TotalMilliseconds:N0} ms; " +
                          $"{grainCount - failures}/{grainCount} totals correct (each now {after[0]} after run #{run})");
        return failures;
    }

    /// <summary>The scripted expert plays a gridworld task through an environment grain.</summary>
    private static async Task<int> PlayEpisodeAsync(IGrainFactory grains, string instance)
    {
        var environment = grains.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format("gridworld", instance));
        var step = await environment.Reset(taskId: 7, seed: 0);
        var mission = step.Observation.Split('\n')[0];
        while (!step.Done)
        {
            step = await environment.Step((await environment.ExpertAction())!);
        }

        Console.WriteLine($"environment gridworld/{instance}: \"{mission}\" — expert {(step.Info.Success ? "succeeded" : "FAILED")} in {step.Info.StepCount} steps, reward {step.Reward:F3}");
        return step.Info.Success ? 0 : 1;
    }

    private static async Task<double> WatchJobAsync(IGrainFactory grains, string key, CancellationToken cancellationToken)
    {
        var job = grains.GetGrain<IDemoJobGrain>(key);
        await job.Start(steps: 20, period: TimeSpan.FromMilliseconds(50));
        var estimate = 0.0;
        await foreach (var progress in UpdateFeedClient.WatchAsync<JobProgress>(job.WatchProgress, TimeSpan.FromSeconds(2), cancellationToken: cancellationToken))
        {
            estimate = progress.Value;
            if (progress.Step % 5 == 0)
            {
                Console.WriteLine($"job {key}: step {progress.Step}/{progress.Steps}, π ≈ {progress.Value:F4}");
            }
        }

        return estimate;
    }
}
