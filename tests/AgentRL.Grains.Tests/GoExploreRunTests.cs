using AgentRL.Grains.Exploration;
using AgentRL.Grains.Training;

namespace AgentRL.Grains.Tests;

public sealed class GoExploreRunTests
{
    [Fact]
    public async Task AGoExploreRunReturnsToArchiveCellsAndKeepsItsArchiveAndBonusAcrossARestart()
    {
        using var folder = new TempDirectory();
        var config = TrainingSilo.CoinsRun(iterations: 4);
        config.ExploreFraction = 0.5;
        config.RepresentationBonus = 0.01;
        double cellsRecorded;
        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            var run = silo.Grains.GetTrainingRun("explore");
            await run.Start(config);
            await foreach (var update in TrainingRunTests.WatchAsync(run))
            {
                if (update.Run.Iteration >= 2)
                {
                    break;
                }
            }

            // Cells only accumulate (far below capacity), so any recorded count is a floor for what was saved.
            cellsRecorded = (await run.Iterations())[^1].Diagnostics["archive_cells"];
            await silo.StopAsync();
        }

        await using (var silo = await TrainingSilo.StartAsync(folder.Path))
        {
            // The archive came back with the run: at least every cell it held when the last iteration was recorded.
            var archive = silo.Grains.GetGrain<IArchiveGrain>(ArchiveKey.For("explore", "coins"));
            var restored = await archive.Summary();
            Assert.True(cellsRecorded > 0);
            Assert.True(restored.Cells >= cellsRecorded, $"{restored.Cells} cells after the restart, {cellsRecorded} recorded");

            var run = silo.Grains.GetTrainingRun("explore");
            await run.Resume();
            await TrainingRunTests.WatchToEndAsync(run);
            var info = await run.Info();
            var records = await run.Iterations();
            Assert.Equal(RunStatus.Completed, info.Status);
            Assert.Equal([1, 2, 3, 4], records.Select(r => r.Iteration));
            Assert.Equal(32, records.SelectMany(r => r.EpisodeIds).Distinct().Count());

            // The first iteration starts every group from a task (the archive is empty); later ones start one group of
            // two from a cell, all four of its members from the same one.
            Assert.Equal([0.0, 4, 4, 4], records.Select(r => r.Diagnostics["episodes_from_archive"]));
            var cells = (await archive.Cells()).ToDictionary(c => c.Key);
            foreach (var record in records.Skip(1))
            {
                var trajectories = await silo.TrajectoriesAsync(record.EpisodeIds.Order(StringComparer.Ordinal));

                var returned = trajectories.Where(t => t.StartedFrom is not null).ToList();
                Assert.Equal(4, returned.Count);
                var origin = cells[Assert.Single(returned.Select(t => t.StartedFrom).Distinct())!];
                Assert.All(returned, t => Assert.Equal((origin.TaskId, origin.Seed, origin.CellKey), (t.TaskId, t.Seed, t.StartCellKey)));
                Assert.All(returned, t => Assert.True(t.Turns.Count > 0));
            }

            Assert.All(records, r => Assert.Contains("bonus_mean", r.Diagnostics.Keys));
            Assert.True(File.Exists(Path.Combine(info.Checkpoint!, "representation-bonus.bin")));
            Assert.True((await archive.Summary()).Discovered >= restored.Discovered);
        }
    }

    [Fact]
    public async Task SpanningProposalsGiveEachGroupDifferentFirstActionsThatAreNotTrainedOn()
    {
        using var folder = new TempDirectory();
        await using var silo = await TrainingSilo.StartAsync(folder.Path);
        var config = TrainingSilo.CoinsRun(iterations: 2);
        config.SpannerCandidates = 8;
        var run = silo.Grains.GetTrainingRun("spanner");

        await run.Start(config);
        await TrainingRunTests.WatchToEndAsync(run);

        var records = await run.Iterations();
        Assert.Equal(RunStatus.Completed, (await run.Info()).Status);
        foreach (var record in records)
        {
            var trajectories = await silo.TrajectoriesAsync(record.EpisodeIds.Order(StringComparer.Ordinal));

            // The first turn of every episode is the proposal it was given, every later turn the policy's own sample.
            Assert.All(trajectories, t => Assert.Equal([true, .. Enumerable.Repeat(false, t.Turns.Count - 1)], t.Turns.Select(u => u.Forced)));
            var distinct = trajectories.Chunk(4).Select(g => g.Select(t => t.Turns[0].Action).Distinct().Count()).ToList();
            Assert.Equal(distinct.Average(), record.Diagnostics["spanner_distinct_first_actions"], 12);
            Assert.All(distinct, d => Assert.True(d >= 2, $"a group began with {d} distinct action(s)"));
        }
    }

    [Fact]
    public void ExplorationSettingsOutOfRangeAreRefusedClearly()
    {
        var config = TrainingSilo.CoinsRun(iterations: 1);
        config.ExploreFraction = 1.5;
        Assert.Contains("ExploreFraction", Assert.Throws<ArgumentException>(config.Validate).Message, StringComparison.Ordinal);
        config.ExploreFraction = 0.5;
        config.ArchiveCapacity = 0;
        Assert.Contains("ArchiveCapacity", Assert.Throws<ArgumentException>(config.Validate).Message, StringComparison.Ordinal);
        config.ArchiveCapacity = 10;
        config.RepresentationBonus = -1;
        Assert.Contains("RepresentationBonus", Assert.Throws<ArgumentException>(config.Validate).Message, StringComparison.Ordinal);
    }
}
