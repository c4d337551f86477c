using AgentRL.Environments.Generation;
using AgentRL.Learning.Curriculum;
using AgentRL.Learning.Tests.Reinforcement;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Curriculum;

public sealed class CategoryCurriculumTests
{
    /// <summary>Six tasks: 0–3 are "easy" (two thirds of the tasks), 4–5 "hard".</summary>
    private static readonly Dictionary<int, string> Tasks = new() { [0] = "easy", [1] = "easy", [2] = "easy", [3] = "easy", [4] = "hard", [5] = "hard" };

    [Fact]
    public void BeforeAnyGroupPlaysEachCategoryIsDrawnAtItsShareOfTheTasks()
    {
        var curriculum = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions());

        Assert.Equal(["easy", "hard"], curriculum.Categories);
        Assert.Equal([2.0 / 3, 1.0 / 3], curriculum.Probabilities(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void EachGroupMovesItsCategorysSpreadByTheRateTowardTheGroupsStandardDeviation()
    {
        var curriculum = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 0.25, InitialSpread = 0.5, Floor = 0.01 });

        curriculum.Record(2, [1, 1, 1, 1]);      // all agree: spread 0
        curriculum.Record(4, [1, 0, 0, 0]);      // spread √3 / 4

        var spreads = curriculum.Spreads;
        Assert.Equal(0.5 * 0.75, spreads["easy"], 12);
        Assert.Equal(0.5 + (0.25 * ((Math.Sqrt(3) / 4) - 0.5)), spreads["hard"], 12);
        // Weights are task count × spread: 4 × 0.375 against 2 × 0.4333.
        var easy = 4 * spreads["easy"];
        var hard = 2 * spreads["hard"];
        Assert.Equal([easy / (easy + hard), hard / (easy + hard)], curriculum.Probabilities(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void ASettledCategoryKeepsTheFloorsShareOfTheLargestSpread()
    {
        var curriculum = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 1, Floor = 0.1 });
        curriculum.Record(0, [1, 1, 1, 1]);
        curriculum.Record(5, [1, 0, 1, 0]);

        // Easy has spread 0, held at 0.1 × 0.5; hard has 0.5: weights 4 × 0.05 and 2 × 0.5.
        Assert.Equal([0.2 / 1.2, 1.0 / 1.2], curriculum.Probabilities(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void WithoutTheTaskShareCategoriesOfEqualSpreadAreDrawnEquallyAndAFloorOfOneFixesThatDraw()
    {
        var bySpread = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 1, Floor = 0.1, WeighByTaskShare = false });
        Assert.Equal([0.5, 0.5], bySpread.Probabilities(), new ToleranceComparer(1e-12));
        bySpread.Record(0, [1, 1, 1, 1]);
        bySpread.Record(5, [1, 0, 1, 0]);
        // Easy has spread 0, held at 0.1 × 0.5; hard has 0.5: weights 0.05 and 0.5, the task counts left out.
        Assert.Equal([0.05 / 0.55, 0.5 / 0.55], bySpread.Probabilities(), new ToleranceComparer(1e-12));

        var uniform = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 1, Floor = 1, WeighByTaskShare = false });
        uniform.Record(0, [1, 1, 1, 1]);
        uniform.Record(5, [1, 0, 1, 0]);
        Assert.Equal([0.5, 0.5], uniform.Probabilities(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void DrawsFollowTheProbabilitiesAndStayWithinTheChosenCategorysTasks()
    {
        var curriculum = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 1, Floor = 0.1 });
        curriculum.Record(0, [1, 1]);
        curriculum.Record(4, [1, 0]);
        var random = new DeterministicRandom(11);

        var draws = Enumerable.Range(0, 12_000).Select(_ => curriculum.Next(random)).ToList();

        // Hard's share is 2 × 0.5 / (4 × 0.05 + 2 × 0.5) = 5/6, split evenly between tasks 4 and 5.
        Assert.InRange(draws.Count(t => t >= 4) / 12_000.0, (5.0 / 6) - 0.015, (5.0 / 6) + 0.015);
        Assert.InRange(draws.Count(t => t == 4) / (double)draws.Count(t => t >= 4), 0.47, 0.53);
        Assert.Equal([0, 1, 2, 3, 4, 5], draws.Distinct().Order());
    }

    [Fact]
    public void RecordGroupsFoldsEveryGroupButThoseStartedFromAnArchiveCell()
    {
        static Trajectory Episode(int task, double score, string? cell = null) => new("coins", task, 3, [], score, score == 1, 0, StartedFrom: cell);
        var curriculum = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 1 });

        curriculum.RecordGroups([Episode(1, 1), Episode(1, 1), Episode(4, 1, "cell"), Episode(4, 0, "cell")], groupSize: 2);

        Assert.Equal(0, curriculum.Spreads["easy"]);
        Assert.Equal(0.5, curriculum.Spreads["hard"]); // untouched: the archive group is left out
    }

    [Fact]
    public void SpreadsOfAnEarlierRunCarryOverAndBadInputIsRefused()
    {
        var restored = new CategoryCurriculum(Tasks, new CategoryCurriculumOptions(), new Dictionary<string, double> { ["hard"] = 0.2 });

        Assert.Equal(0.2, restored.Spreads["hard"]);
        Assert.Equal(0.5, restored.Spreads["easy"]);
        Assert.Throws<ArgumentException>(() => restored.Record(99, [1, 0]));
        Assert.Throws<ArgumentException>(() => new CategoryCurriculum(new Dictionary<int, string>(), new CategoryCurriculumOptions()));
        Assert.Throws<ArgumentException>(() => new CategoryCurriculum(Tasks, new CategoryCurriculumOptions(), new Dictionary<string, double> { ["easy"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Floor = 0 }));
        Assert.Throws<ArgumentException>(() => new CategoryCurriculum(Tasks, new CategoryCurriculumOptions { Rate = 1.5 }));
    }
}
