using AgentRL.Client;
using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;

namespace AgentRL.Grains.Tests;

/// <summary>What a run that survived a crash must show in its persisted records.</summary>
internal static class PersistedRunChecks
{
    /// <summary>
    /// The run completed; every iteration and weight version appears once, in order, and the last checkpoint holds the
    /// last version; every episode slot (iteration, task, member) was trained on exactly one stored episode, played by
    /// the version before: none lost, none counted twice.
    /// </summary>
    public static async Task AssertEveryEpisodeCountedOnceAsync(AgentClient client, string runId, int iterations, int episodesPerIteration, CancellationToken cancellationToken)
    {
        var run = await client.GetRunAsync(runId, cancellationToken);
        var records = await client.GetIterationsAsync(runId, cancellationToken);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(Enumerable.Range(1, iterations), records.Select(r => r.Iteration));
        Assert.Equal(Enumerable.Range(1, iterations), records.Select(r => r.PolicyVersion));
        Assert.Equal(iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), PolicyCheckpoint.ReadInfo(run.Checkpoint!).Metadata["version"]);

        var slots = records.SelectMany(r => r.EpisodeIds.Select(id => (r.Iteration, Slot: string.Join('/', id.Split('/').Take(4)), Id: id))).ToList();
        Assert.Equal(iterations * episodesPerIteration, slots.Count);
        Assert.Equal(slots.Count, slots.Select(s => s.Slot).Distinct().Count());
        foreach (var (iteration, _, id) in slots)
        {
            var result = await client.Grains.GetGrain<IEpisodeGrain>(id).Result().WaitAsync(cancellationToken);
            Assert.NotNull(result);
            Assert.Equal(iteration - 1, result.Trajectory.PolicyVersion);
        }
    }
}
