using AgentRL.Environments;
using AgentRL.Environments.Benchmarks;
using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Search;
using AgentRL.Environments.Shop;

// Single-thread simulator speed (shared/ENVIRONMENTS.md targets): steps/s and snapshot+restore latency.
// Usage: dotnet run -c Release --project bench/AgentRL.Environments.Benchmarks [-- --seconds 3]
//        dotnet run -c Release --project bench/AgentRL.Environments.Benchmarks -- expert
if (args.Length >= 1 && args[0] == "expert")
{
    Console.WriteLine("Gridworld expert on training tasks, and a clone that samples its action per observation from a table of the expert's");
    Console.WriteLine("(the mission's objects named TARGET and OTHER; of the rest, only what blocks the way), on 1,000 validation tasks");
    Console.WriteLine($"{"demonstrations",14} {"expert",7} {"steps",6} {"H(a|obs)",9} {"clone success",14} {"steps",6} {"unseen",7}");
    foreach (var demonstrations in new[] { 300, 2_000, 10_000 })
    {
        var r = ReactiveImitation.Run(GridworldOptions.Default, demonstrations, validationTasks: 1000);
        Console.WriteLine($"{demonstrations,14:N0} {r.ExpertSuccess,7:P0} {r.ExpertSteps,6:0.0} {r.EntropyNats,9:0.000} {r.ImitatorSuccess,14:P1} {r.ImitatorSteps,6:0.0} {r.UnseenShare,7:P1}");
    }

    return;
}

var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var cases = new (string Name, Func<IEnvironment> Create, string Target)[]
{
    ("gridworld", () => new GridworldEnvironment(GridworldOptions.Default), ">= 200k steps/s; <= 50 µs"),
    ("gridworld-rooms", () => new GridworldEnvironment(GridworldOptions.Rooms), "(same)"),
    ("gridworld-hard", () => new GridworldEnvironment(GridworldOptions.Hard), "(same)"),
    ("shop", () => new ShopEnvironment(ShopOptions.Small), ">= 20k steps/s; <= 50 µs"),
    ("shop-large", () => new ShopEnvironment(ShopOptions.Large), ">= 2k steps/s; <= 50 µs"),
    ("search", () => new SearchEnvironment(), ">= 20k queries/s (below)"),
};

Console.WriteLine($"AgentRL environment benchmark: one thread, {seconds:0.#} s per environment after 1 s warm-up");
Console.WriteLine($"{"environment",-18} {"steps/s",12} {"snap+restore µs",16} {"snapshot bytes",15}  target");
foreach (var (name, create, target) in cases)
{
    var result = EnvironmentBenchmark.Run(name, create, TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"{result.Name,-18} {result.StepsPerSecond,12:N0} {result.SnapshotRestoreMicroseconds,16:N2} {result.SnapshotBytes,15:N0}  {target}");
}

var queries = SearchQueryBenchmark.Run(TimeSpan.FromSeconds(seconds));
Console.WriteLine($"search tool BM25: {queries.QueriesPerSecond:N0} queries/s over {queries.Passages:N0} passages (target >= 20k)");
