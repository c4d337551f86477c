using System.Diagnostics;
using System.Globalization;
using AgentRL.Client;
using AgentRL.Grains.Benchmarks;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Torch;

// What the grain layer costs: 64 concurrent gridworld episodes played through episode, environment and policy grains
// (an embedded silo with SQLite, every finished episode persisted) against the same episodes played by the plain
// lockstep loop with direct calls, with the same weights. Rounds alternate; medians are reported.
//   dotnet run -c Release --project bench/AgentRL.Grains.Benchmarks [-- --episodes 64 --rounds 5]
// With --silos N (from the repository root) it measures instead how the same episodes scale over 1..N silo processes.
//   dotnet run -c Release --project bench/AgentRL.Grains.Benchmarks -- --silos 3
var episodes = IntOption("--episodes", 64);
var rounds = IntOption("--rounds", 5);
var silos = IntOption("--silos", 0);
TorchRuntime.ManualSeed(1);
var data = Path.Combine(Path.GetTempPath(), "agentrl-grain-bench", Guid.NewGuid().ToString("N"));
try
{
    using var baseModel = BaseModelRecipe.Train(() => new GridworldEnvironment(), new BaseModelOptions());
    var checkpoint = Path.Combine(data, "base");
    PolicyCheckpoint.Save(checkpoint, baseModel.Model, baseModel.Context.Tokenizer, optimizer: null, step: 0, PolicyPackage.CheckpointMetadata(baseModel.Context, version: 0));
    var maxActionTokens = baseModel.LongestAction + 2;
    if (silos > 0)
    {
        await ClusterScaling.RunAsync(silos, episodes, rounds, checkpoint, maxActionTokens);
        return 0;
    }

    var sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = maxActionTokens };
    var runner = new EpisodeRunner(baseModel.Model, baseModel.Context, sampling);
    var environments = Enumerable.Range(0, episodes).Select(_ => (IEnvironment)new GridworldEnvironment()).ToList();

    await using var client = await AgentClient.StartEmbeddedAsync(new EmbeddedSiloOptions { DataDirectory = data });
    Console.WriteLine($"{episodes} concurrent gridworld episodes (64-step limit), compact model, grains in {client.Description}");

    (double Seconds, long Steps) Direct(int round)
    {
        var clock = Stopwatch.StartNew();
        var trajectories = runner.Run(environments.Select((e, i) => (e, i, round)).ToList(), new DeterministicRandom((ulong)round));
        return (clock.Elapsed.TotalSeconds, trajectories.Sum(t => t.Turns.Count));
    }

    async Task<(double Seconds, long Steps)> ThroughGrains(int round)
    {
        var clock = Stopwatch.StartNew();
        var results = await client.RunEpisodesAsync(Enumerable.Range(0, episodes).Select(i => ($"bench/r{round}/e{i}", new EpisodeRequest
        {
            Policy = PolicySource.Checkpoint(checkpoint),
            Environment = "gridworld",
            TaskId = i,
            Seed = round,
            MaxActionTokens = maxActionTokens,
        })).ToList());
        return (clock.Elapsed.TotalSeconds, results.Sum(r => r.Trajectory.Turns.Count));
    }

    // Warm-up: JIT, the replica's first load, SQLite's schema.
    Direct(-1);
    await ThroughGrains(-1);

    var direct = new List<(double Seconds, long Steps)>();
    var grains = new List<(double Seconds, long Steps)>();
    for (var round = 0; round < rounds; round++)
    {
        direct.Add(Direct(round));
        grains.Add(await ThroughGrains(round));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round + 1}: direct {direct[^1].Steps / direct[^1].Seconds,7:N0} steps/s ({episodes / direct[^1].Seconds:F1} episodes/s), grains {grains[^1].Steps / grains[^1].Seconds,7:N0} steps/s ({episodes / grains[^1].Seconds:F1} episodes/s)"));
    }

    var directRate = Median(direct.Select(r => r.Steps / r.Seconds));
    var grainRate = Median(grains.Select(r => r.Steps / r.Seconds));
    var directEpisodes = Median(direct.Select(r => episodes / r.Seconds));
    var grainEpisodes = Median(grains.Select(r => episodes / r.Seconds));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"median: direct {directRate:N0} steps/s, {directEpisodes:F2} episodes/s; grains {grainRate:N0} steps/s, {grainEpisodes:F2} episodes/s; grain cost {directRate / grainRate:F2}x per step, {directEpisodes / grainEpisodes:F2}x per episode (target <= 1.2x)"));
}
finally
{
    if (Directory.Exists(data))
    {
        Directory.Delete(data, recursive: true);
    }
}

return 0;

int IntOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(IEnumerable<double> values) => ClusterScaling.Median(values);
