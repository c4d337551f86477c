using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Rollout;

namespace AgentRL.Learning.Evaluation;

/// <summary>Runs a policy on the tasks of a split, n samples per task, and reports success, score and pass@k.</summary>
public sealed class Evaluator(EpisodeRunner runner, Func<IEnvironment> createEnvironment)
{
    public EvaluationReport Evaluate(TaskSplit split, int tasks, int samplesPerTask, IReadOnlyList<int> ks, DeterministicRandom random, int batchSize = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerTask, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var probe = createEnvironment();
        var taskIds = probe.Splits.TaskIds(split).Take(tasks).ToList();
        if (taskIds.Count == 0)
        {
            throw new ArgumentException($"{probe.Name} has no {split} tasks to evaluate on.", nameof(split));
        }

        var episodes = taskIds.SelectMany(t => Enumerable.Range(0, samplesPerTask).Select(s => (TaskId: t, Seed: s))).ToList();
        var environments = Enumerable.Range(0, Math.Min(batchSize, episodes.Count)).Select(_ => createEnvironment()).ToList();
        var results = new List<(int TaskId, bool Success, double Score)>();
        for (var start = 0; start < episodes.Count; start += environments.Count)
        {
            var chunk = episodes.Skip(start).Take(environments.Count).Select((e, i) => (environments[i], e.TaskId, e.Seed)).ToList();
            results.AddRange(runner.Run(chunk, random).Select(t => (t.TaskId, t.Success, t.Score)));
        }

        var byTask = results.GroupBy(r => r.TaskId).ToList();
        var passAtK = ks.Where(k => k <= samplesPerTask).ToDictionary(k => k, k => byTask.Average(g => PassAtK.Estimate(samplesPerTask, g.Count(r => r.Success), k)));
        return new EvaluationReport(probe.Name, taskIds.Count, samplesPerTask, results.Average(r => r.Success ? 1.0 : 0.0), results.Average(r => r.Score), passAtK);
    }
}
