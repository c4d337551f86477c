using AgentRL.Environments.Hosting;
using AgentRL.Grains.Training;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Tests;

/// <summary>An in-process silo with SQLite storage, the coins games, the quiz, the built-in environments and training enabled.</summary>
internal static class TrainingSilo
{
    public static Task<TestSilo> StartAsync(string folder, Action<TrainingOptions>? configure = null) => TestSilo.StartAsync(
        Path.Combine(folder, "silo.db"),
        silo => silo
            .AddBuiltInEnvironments()
            .AddEnvironment<CoinsEnvironment>("coins")
            .AddEnvironment<FlakyCoinsEnvironment>("flaky-coins")
            .AddEnvironment<QuizEnvironment>("quiz")
            .AddTraining(o =>
            {
                o.RunsDirectory = Path.Combine(folder, "runs");
                configure?.Invoke(o);
            }));

    /// <summary>A run the tiny preset finishes in seconds on the coins game; every group has some success and some failure.</summary>
    public static TrainingRunConfig CoinsRun(int iterations) => new()
    {
        Environment = "coins",
        Preset = "tiny",
        Iterations = iterations,
        TasksPerIteration = 2,
        GroupSize = 4,
        Demonstrations = 40,
        ActionNoise = 0.4,
        CloningEpochs = 20,
        LearningRate = 2e-3,
        EvaluateEvery = 2,
        ValidationTasks = 6,
        Seed = 7,
    };

    /// <summary>The stored trajectories of finished episodes, in the order of <paramref name="episodeIds"/>.</summary>
    public static async Task<List<Trajectory>> TrajectoriesAsync(this TestSilo silo, IEnumerable<string> episodeIds)
    {
        var trajectories = new List<Trajectory>();
        foreach (var id in episodeIds)
        {
            var result = await silo.Grains.GetGrain<IEpisodeGrain>(id).Result();
            Assert.True(result is not null, $"episode {id} has no stored result");
            trajectories.Add(result.Trajectory);
        }

        return trajectories;
    }
}
