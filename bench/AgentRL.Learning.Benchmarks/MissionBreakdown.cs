using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// Validation success split by the kind of mission (go-to, pick-up, pick-up-then-goal, put-next), to see which kinds a policy
/// never solves: a group whose rollouts all fail gives GRPO no gradient, so such kinds cap what RL can reach.
/// </summary>
internal static class MissionBreakdown
{
    public static string Describe(EpisodeRunner runner, Func<IEnvironment> environment, int tasks, int seed, Tokenization.BpeTokenizer? showFailures = null)
    {
        var probe = environment();
        var taskIds = probe.Splits.TaskIds(TaskSplit.Validation).Take(tasks).ToList();
        var missions = taskIds.ToDictionary(t => t, t => MissionOf(probe, t));
        var kinds = missions.ToDictionary(m => m.Key, m => KindName(m.Value.Kind));
        var targets = missions.ToDictionary(m => m.Key, m => m.Value.Target.Noun());
        var environments = Enumerable.Range(0, Math.Min(100, taskIds.Count)).Select(_ => environment()).ToList();
        var random = new DeterministicRandom((ulong)seed);
        var results = new List<(string Kind, bool Success, int Turns, bool WrongPickUp)>();
        foreach (var chunk in taskIds.Chunk(environments.Count))
        {
            var episodes = chunk.Select((t, i) => (environments[i], t, 0)).ToList();
            var trajectories = runner.Run(episodes, random);
            results.AddRange(trajectories.Select(t => (kinds[t.TaskId], t.Success, t.Turns.Count, PicksUpWrongly(t, kinds[t.TaskId], targets[t.TaskId]))));
            foreach (var failure in showFailures is null ? [] : trajectories.Where(t => !t.Success).GroupBy(t => kinds[t.TaskId]).Select(g => g.First()))
            {
                EpisodeTranscripts.Print(failure, showFailures!, 160, $"{kinds[failure.TaskId]} (task {failure.TaskId})");
            }
        }

        return string.Join("; ", results.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture,
            $"{g.Key} {g.Average(r => r.Success ? 1.0 : 0.0):P0} of {g.Count()} ({g.Where(r => r.Success).Select(r => (double)r.Turns).DefaultIfEmpty(0).Average():F1} turns when solved{WrongPickUps(g.ToList())})")));
    }

    // Of the failures and of the successes, how many picked up an object the mission does not name (in go-to missions,
    // any object). A policy also picks up what stands in its way, so only the two counts together say how often that
    // is the mistake.
    private static string WrongPickUps(IReadOnlyList<(string Kind, bool Success, int Turns, bool WrongPickUp)> results)
    {
        var (failures, successes) = (results.Count(r => !r.Success), results.Count(r => r.Success));
        var text = failures > 0 ? $", {results.Count(r => !r.Success && r.WrongPickUp)} of {failures} failures" : "";
        text += successes > 0 ? $"{(failures > 0 ? " and" : ",")} {results.Count(r => r.Success && r.WrongPickUp)} of {successes} successes" : "";
        return text.Length > 0 ? text + " picked up a wrong object" : "";
    }

    private static bool PicksUpWrongly(Trajectory trajectory, string kind, string target) =>
        trajectory.Turns.Any(t => t.Observation.StartsWith("You pick up the ", StringComparison.Ordinal)
            && (kind == "go-to" || !t.Observation.StartsWith($"You pick up the {target}.", StringComparison.Ordinal)));

    /// <summary>The mission kind of each task, by name (a task's mission does not depend on the seed).</summary>
    public static Dictionary<int, string> KindsOf(IEnvironment probe, IEnumerable<int> taskIds) =>
        taskIds.ToDictionary(t => t, t => KindName(MissionOf(probe, t).Kind));

    /// <summary>A task's mission, from one reset of a gridworld.</summary>
    private static Mission MissionOf(IEnvironment probe, int taskId)
    {
        var gridworld = probe as GridworldEnvironment ?? throw new ArgumentException($"Mission kinds are a gridworld's; {probe.Name} has none.", nameof(probe));
        gridworld.Reset(taskId);
        return gridworld.Level.Mission;
    }

    /// <summary>PickUpThenGoal gives "pick-up-then-goal".</summary>
    private static string KindName(MissionKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
