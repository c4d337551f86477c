using System.Diagnostics;
using System.Globalization;
using AgentRL.Client;
using AgentRL.Grains.Training;

namespace AgentRL.Grains.Benchmarks;

/// <summary>
/// How episode throughput through grains scales with silo processes on this machine: for 1..N silos started by
/// scripts/cluster.sh (SQLite membership, shared grain state), a client plays rounds of concurrent episodes with one
/// checkpoint's weights, the episodes placed at random over the silos (each with its environment beside it, and a policy
/// replica on every silo).
/// </summary>
internal static class ClusterScaling
{
    public static async Task RunAsync(int maxSilos, int episodes, int rounds, string checkpoint, int maxActionTokens)
    {
        var script = Path.GetFullPath(Path.Combine("scripts", "cluster.sh"));
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Run the scaling benchmark from the repository root: {script} is missing.");
        }

        var results = new List<(int Silos, double EpisodesPerSecond, double StepsPerSecond)>();
        for (var silos = 1; silos <= maxSilos; silos++)
        {
            var data = Path.Combine(Path.GetTempPath(), "agentrl-scaling", Guid.NewGuid().ToString("N"));
            var basePort = 32_000 + (silos * 10);
            var environment = new Dictionary<string, string> { ["DATA"] = data, ["PORT"] = basePort.ToString(CultureInfo.InvariantCulture) };
            await ScriptAsync(script, environment, "start", silos.ToString(CultureInfo.InvariantCulture));
            try
            {
                var gateways = Enumerable.Range(0, silos).Select(i => $"127.0.0.1:{basePort + i}").ToList();
                await using var client = await AgentClient.ConnectAsync(gateways);
                await PlayAsync(client, $"warm{silos}", episodes, checkpoint, maxActionTokens);
                var measured = new List<(double Seconds, long Steps)>();
                for (var round = 0; round < rounds; round++)
                {
                    measured.Add(await PlayAsync(client, $"s{silos}r{round}", episodes, checkpoint, maxActionTokens));
                }

                var perSecond = Median(measured.Select(m => episodes / m.Seconds));
                var steps = Median(measured.Select(m => m.Steps / m.Seconds));
                results.Add((silos, perSecond, steps));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{silos} silo process(es): {perSecond:F2} episodes/s, {steps:N0} steps/s (median of {rounds})"));
            }
            finally
            {
                await ScriptAsync(script, environment, "stop");
                if (Directory.Exists(data))
                {
                    Directory.Delete(data, recursive: true);
                }
            }
        }

        var single = results[0].EpisodesPerSecond;
        Console.WriteLine(string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Silos} silos: {r.EpisodesPerSecond / single:F2}x"))));
    }

    private static async Task<(double Seconds, long Steps)> PlayAsync(AgentClient client, string round, int episodes, string checkpoint, int maxActionTokens)
    {
        var clock = Stopwatch.StartNew();
        var results = await client.RunEpisodesAsync(Enumerable.Range(0, episodes).Select(i => ($"scaling/{round}/e{i}", new EpisodeRequest
        {
            Policy = PolicySource.Checkpoint(checkpoint),
            Environment = "gridworld",
            TaskId = i,
            Seed = round.GetHashCode(StringComparison.Ordinal) & 0xFFFF,
            MaxActionTokens = maxActionTokens,
        })).ToList());
        return (clock.Elapsed.TotalSeconds, results.Sum(r => r.Trajectory.Turns.Count));
    }

    private static async Task ScriptAsync(string script, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed:\n{output}{errors}");
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
