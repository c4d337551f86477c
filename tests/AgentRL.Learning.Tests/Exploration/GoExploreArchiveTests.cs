using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Tests.Reinforcement;

namespace AgentRL.Learning.Tests.Exploration;

public sealed class GoExploreArchiveTests
{
    private static CellVisit Visit(string cell, double score = 0, int length = 5, int task = 1, byte marker = 0) =>
        new(task, Seed: 7, cell, score, length, [marker], $"observation of {cell}");

    [Fact]
    public void SelectionProbabilitiesFollowTheWeightFormula()
    {
        var archive = new GoExploreArchive(new ArchiveOptions { SeenWeight = 1, ChosenWeight = 0.5, ChosenSinceNewWeight = 2 });
        // a seen once; b seen three times; c seen twice.
        archive.Offer([Visit("a"), Visit("b"), Visit("c")]);
        archive.Offer([Visit("b"), Visit("c")]);
        archive.Offer([Visit("b")]);

        // Nothing chosen yet: w = 1/√(seen+1) + 0.5/√1 + 2/√1.
        double W(int seen, int chosen, int sinceNew) => (1 / Math.Sqrt(seen + 1)) + (0.5 / Math.Sqrt(chosen + 1)) + (2 / Math.Sqrt(sinceNew + 1));
        var expected = new[] { W(1, 0, 0), W(3, 0, 0), W(2, 0, 0) };
        var total = expected.Sum();
        Assert.Equal(expected.Select(w => w / total), archive.Probabilities(), new ToleranceComparer(1e-12));

        // Drawn at those probabilities; each choice then counts on its cell.
        var draws = archive.Select(30_000, new DeterministicRandom(5));
        var byCell = draws.GroupBy(c => c.CellKey).ToDictionary(g => g.Key, g => g.Count() / 30_000.0);
        Assert.Equal(expected[0] / total, byCell["a"], 0.01);
        Assert.Equal(expected[1] / total, byCell["b"], 0.01);
        Assert.Equal(expected[2] / total, byCell["c"], 0.01);
        var a = archive.Find(1, "a")!;
        Assert.Equal(draws.Count(c => c.CellKey == "a"), a.TimesChosen);
        Assert.Equal(a.TimesChosen, a.TimesChosenSinceNew);

        // After choices the weights change as the formula says.
        var after = archive.Cells.Select(c => W(c.TimesSeen, c.TimesChosen, c.TimesChosenSinceNew)).ToList();
        Assert.Equal(after.Select(w => w / after.Sum()), archive.Probabilities(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void ABetterOrShorterPathReplacesACellAndAWorseOneDoesNot()
    {
        var archive = new GoExploreArchive();
        archive.Offer([Visit("x", score: 0.5, length: 10, marker: 1)]);

        var worse = archive.Offer([Visit("x", score: 0.4, length: 3, marker: 2), Visit("x", score: 0.5, length: 12, marker: 3)]);
        Assert.Equal(new OfferOutcome(0, 0, 0), worse);
        Assert.Equal((0.5, 10, (byte)1), (archive.Find(1, "x")!.Score, archive.Find(1, "x")!.Length, archive.Find(1, "x")!.Snapshot[0]));

        var shorter = archive.Offer([Visit("x", score: 0.5, length: 8, marker: 4)]);
        Assert.Equal(1, shorter.Improved);
        Assert.Equal((0.5, 8, (byte)4), (archive.Find(1, "x")!.Score, archive.Find(1, "x")!.Length, archive.Find(1, "x")!.Snapshot[0]));

        archive.Offer([Visit("x", score: 0.9, length: 20, marker: 5)]);
        var cell = archive.Find(1, "x")!;
        Assert.Equal((0.9, 20, (byte)5, "observation of x"), (cell.Score, cell.Length, cell.Snapshot[0], cell.Observation));
        // Every visit counts as a sighting, improving or not.
        Assert.Equal(5, cell.TimesSeen);
    }

    [Fact]
    public void CellsAreKeyedByTaskAndACellChosenAgainResetsWhenItsExplorationFindsSomethingNew()
    {
        var archive = new GoExploreArchive();
        archive.Offer([Visit("x", task: 1), Visit("x", task: 2)]);
        Assert.Equal(2, archive.Count);

        var start = archive.Select(3, new DeterministicRandom(1))[0];
        var chosen = archive.Find(start.TaskId, start.CellKey)!;
        Assert.True(chosen.TimesChosenSinceNew > 0);

        archive.Offer([Visit("x", task: start.TaskId)], startedFrom: chosen.Key);
        Assert.Equal(chosen.TimesChosenSinceNew, archive.Find(start.TaskId, start.CellKey)!.TimesChosenSinceNew);

        var outcome = archive.Offer([Visit("y", task: start.TaskId)], startedFrom: chosen.Key);
        Assert.Equal(1, outcome.New);
        Assert.Equal(0, archive.Find(start.TaskId, start.CellKey)!.TimesChosenSinceNew);
        Assert.Equal(chosen.TimesChosen, archive.Find(start.TaskId, start.CellKey)!.TimesChosen);
    }

    [Fact]
    public void PastCapacityTheLeastPromisingCellGoesButNeverTheBest()
    {
        var archive = new GoExploreArchive(new ArchiveOptions { Capacity = 3 });
        archive.Offer([Visit("best", score: 1), Visit("often"), Visit("rare")]);
        for (var i = 0; i < 5; i++)
        {
            archive.Offer([Visit("often"), Visit("best", score: 1)]);
        }

        var outcome = archive.Offer([Visit("new")]);

        Assert.Equal(new OfferOutcome(1, 0, 1), outcome);
        Assert.Equal(["best", "rare", "new"], archive.Cells.Select(c => c.CellKey));
        Assert.Equal(4, archive.Discovered);
    }

    [Fact]
    public void AnArchiveRestoredFromItsStateIsTheSameArchive()
    {
        var archive = new GoExploreArchive();
        archive.Offer([Visit("a", score: 0.25), Visit("b", length: 9)]);
        archive.Select(4, new DeterministicRandom(2));

        var restored = new GoExploreArchive(archive.Options, archive.ToState());

        Assert.Equal(archive.Discovered, restored.Discovered);
        Assert.Equal(archive.Cells.Select(c => (c.Key, c.Score, c.Length, c.TimesSeen, c.TimesChosen, c.Discovered)),
            restored.Cells.Select(c => (c.Key, c.Score, c.Length, c.TimesSeen, c.TimesChosen, c.Discovered)));
        Assert.Equal(archive.Select(5, new DeterministicRandom(9)).Select(c => c.Key), restored.Select(5, new DeterministicRandom(9)).Select(c => c.Key));
    }

    [Fact]
    public void BadUseFailsClearly()
    {
        var archive = new GoExploreArchive();
        Assert.Throws<InvalidOperationException>(() => archive.Select(1, new DeterministicRandom(1)));
        Assert.Empty(archive.Select(0, new DeterministicRandom(1)));
        Assert.Throws<ArgumentException>(() => archive.Offer([Visit("a"), Visit("")]));
        Assert.Throws<ArgumentException>(() => archive.Offer([Visit("a", score: double.NaN)]));
        Assert.Equal(0, archive.Count);
        Assert.Throws<ArgumentException>(() => new GoExploreArchive(new ArchiveOptions { Capacity = 0 }));
        Assert.Throws<ArgumentException>(() => new GoExploreArchive(new ArchiveOptions { SeenWeight = 0, ChosenWeight = 0, ChosenSinceNewWeight = 0 }));
    }
}
