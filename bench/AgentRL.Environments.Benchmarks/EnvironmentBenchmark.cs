using System.Diagnostics;

namespace AgentRL.Environments.Benchmarks;

/// <summary>
/// Measures one environment on one thread: recorded episodes (expert actions mixed with random ones, so both useful
/// and wasted steps count) are replayed, timing only the simulator; then snapshot+restore pairs mid-episode.
/// </summary>
internal static class EnvironmentBenchmark
{
    public sealed record Result(string Name, double StepsPerSecond, double SnapshotRestoreMicroseconds, int SnapshotBytes);

    public static Result Run(string name, Func<IEnvironment> create, TimeSpan duration, int episodes = 200)
    {
        var environment = create();
        var recorded = Record(environment, episodes);

        // Warm up for a second (tiered JIT), then measure.
        Replay(environment, recorded, TimeSpan.FromSeconds(1));
        var (steps, seconds) = Replay(environment, recorded, duration);

        var (taskId, actions) = recorded[0];
        environment.Reset(taskId);
        foreach (var action in actions.Take(actions.Count / 2))
        {
            environment.Step(action);
        }

        var snapshot = environment.Snapshot();
        const int pairs = 100_000;
        for (var i = 0; i < pairs / 10; i++)
        {
            environment.Restore(environment.Snapshot());
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pairs; i++)
        {
            environment.Restore(environment.Snapshot());
        }

        return new Result(name, steps / seconds, clock.Elapsed.TotalMicroseconds / pairs, snapshot.Length);
    }

    private static List<(int TaskId, List<string> Actions)> Record(IEnvironment environment, int episodes)
    {
        var random = new Random(7);
        var recorded = new List<(int, List<string>)>();
        for (var e = 0; e < episodes; e++)
        {
            var taskId = random.Next(environment.Splits.CountOf(TaskSplit.Train));
            var step = environment.Reset(taskId);
            var actions = new List<string>();
            while (!step.Done)
            {
                var valid = environment.ValidActions();
                var action = random.Next(4) == 0 && valid is { Count: > 0 } ? valid[random.Next(valid.Count)] : environment.ExpertAction()!;
                actions.Add(action);
                step = environment.Step(action);
            }

            recorded.Add((taskId, actions));
        }

        return recorded;
    }

    private static (long Steps, double Seconds) Replay(IEnvironment environment, List<(int TaskId, List<string> Actions)> recorded, TimeSpan duration)
    {
        long steps = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            foreach (var (taskId, actions) in recorded)
            {
                environment.Reset(taskId);
                foreach (var action in actions)
                {
                    environment.Step(action);
                }

                steps += actions.Count;
            }
        }

        return (steps, clock.Elapsed.TotalSeconds);
    }
}
