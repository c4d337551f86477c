using AgentRL.Grains.Training;
using AgentRL.Learning.Curriculum;

namespace AgentRL.Grains.Tests;

public sealed class TaskReplayRunTests
{
    [Fact]
    public async Task ARunReplaysStartsWhoseGroupsDisagreedAndKeepsThemAcrossARestart()
    {
        using var folder = new TempDirectory();
        var config = TrainingSilo.CoinsRun(iterations: 5);
        config.TasksPerIteration = 4;
        config.TaskReplayFraction = 0.5;
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("replay");
            await run.Start(config);
            await foreach (var update in TrainingRunTests.WatchAsync(run))
            {
                if (update.Run.Iteration >= 2)
                {
                    break;
                }
            }

            await silo.StopAsync();
        }

        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("replay");
            await run.Resume();
            await TrainingRunTests.WatchToEndAsync(run);
            var records = await run.Iterations();
            Assert.Equal(RunStatus.Completed, (await run.Info()).Status);
            Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Iteration));

            // Follow the run's own rule from its recorded episodes: before each iteration the kept starts are those whose
            // groups disagreed (and have not agreed since), and the first groups replay distinct ones of them. A restart
            // that lost the kept starts would break the count after it.
            var expected = new TaskReplay(config.ReplayOptions());
            foreach (var record in records)
            {
                var groups = (await silo.TrajectoriesAsync(record.EpisodeIds)).Chunk(config.GroupSize).ToList();

                Assert.All(groups, g => Assert.Single(g.Select(t => (t.TaskId, t.Seed)).Distinct()));
                var replayed = (int)record.Diagnostics["replayed_groups"];
                Assert.Equal(expected.Count, record.Diagnostics["replay_starts_kept"]);
                Assert.Equal(expected.ReplaysFor(config.TasksPerIteration), replayed);
                var kept = expected.Starts.Select(s => (s.TaskId, s.Seed)).ToHashSet();
                var starts = groups.Take(replayed).Select(g => (g[0].TaskId, g[0].Seed)).ToList();
                Assert.Equal(replayed, starts.Distinct().Count());
                Assert.All(starts, start => Assert.Contains(start, kept));
                foreach (var group in groups)
                {
                    expected.Record(group[0].TaskId, group[0].Seed, group.Select(t => t.Score).ToList(), record.Iteration);
                }
            }

            Assert.True(records.Sum(r => r.Diagnostics["replayed_groups"]) > 0, "no group was replayed: every group agreed throughout");
        }
    }

    [Fact]
    public void ReplaySettingsOutOfRangeAreRefusedClearly()
    {
        var config = TrainingSilo.CoinsRun(iterations: 1);
        config.TaskReplayFraction = 1.5;
        Assert.Contains("TaskReplayFraction", Assert.Throws<ArgumentException>(config.Validate).Message, StringComparison.Ordinal);
        config.TaskReplayFraction = 0.5;
        config.TaskReplayCapacity = 0;
        Assert.Contains("TaskReplayCapacity", Assert.Throws<ArgumentException>(config.Validate).Message, StringComparison.Ordinal);
    }
}
