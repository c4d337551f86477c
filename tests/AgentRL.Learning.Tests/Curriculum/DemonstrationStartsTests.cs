using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Curriculum;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Curriculum;

public sealed class DemonstrationStartsTests
{
    /// <summary>The first training task whose expert path (seed 3) has at least six states.</summary>
    private static readonly int LongTask = Enumerable.Range(0, 100).First(t => DemonstrationStarts.Path(new GridworldEnvironment(), t, 3).Count >= 6);

    [Fact]
    public void ThePathIsEveryStateTheExpertPassesThroughFromTheResetOn()
    {
        var environment = new GridworldEnvironment();
        var reset = environment.Reset(LongTask, 3).Observation;

        var path = DemonstrationStarts.Path(environment, LongTask, 3);

        // The environment was left where the expert finished: the mission done, one step after the path's last state.
        Assert.Equal(reset, path[0].Observation);
        Assert.Equal(Enumerable.Range(0, path.Count), path.Select(v => v.Length));
        Assert.All(path, v => Assert.Equal((LongTask, 3, 0.0), (v.TaskId, v.Seed, v.Score)));
        var replay = new GridworldEnvironment();
        replay.Reset(LongTask, 3);
        for (var i = 0; i < path.Count; i++)
        {
            Assert.Equal(path[i].CellKey, replay.CellKey);
            var step = replay.Step(replay.ExpertAction()!);
            Assert.Equal(i == path.Count - 1, step.Done && step.Info.Success);
        }

        // Each snapshot restores its state: from the second-to-last, the expert's two actions finish the mission.
        var restored = new GridworldEnvironment();
        restored.Reset(LongTask, 3);
        restored.Restore(path[^2].Snapshot);
        Assert.Equal(path[^2].CellKey, restored.CellKey);
        restored.Step(restored.ExpertAction()!);
        Assert.True(restored.Step(restored.ExpertAction()!).Info.Success);
    }

    [Fact]
    public void ChoiceIsUniformOverTheStatesPastTheStartAndReproducible()
    {
        var environment = new GridworldEnvironment();
        var length = DemonstrationStarts.Path(environment, LongTask, 3).Count;
        var random = new DeterministicRandom(5);

        var drawn = Enumerable.Range(0, 100 * (length - 1)).Select(_ => DemonstrationStarts.Choose(environment, LongTask, 3, random)!.Length).ToList();

        // 100 draws expected per state past the start (a count's deviation is about 10).
        Assert.Equal(Enumerable.Range(1, length - 1), drawn.Distinct().Order());
        Assert.All(drawn.CountBy(l => l), c => Assert.InRange(c.Value, 60, 140));
        var again = new DeterministicRandom(5);
        Assert.Equal(drawn.Take(20), Enumerable.Range(0, 20).Select(_ => DemonstrationStarts.Choose(environment, LongTask, 3, again)!.Length));
    }

    [Fact]
    public void AnEpisodeStartedFromAChosenStateBeginsThereAndNamesIt()
    {
        TorchRuntime.ManualSeed(5);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var runner = new EpisodeRunner(model, LearningFixture.Context(), new SamplingOptions { MaxNewTokens = 6 });

        // The echo task's expert says both words: past its start, only the state after the first word remains.
        var cell = DemonstrationStarts.Choose(new EchoEnvironment(), 9, 0, new DeterministicRandom(1))!;
        var trajectory = runner.Run([new EpisodeStart(new EchoEnvironment(), 9, 0, cell)], new DeterministicRandom(2), policyVersion: 0)[0];

        Assert.Equal(("9:1", 1, 0.5), (cell.CellKey, cell.Length, cell.Score));
        Assert.Equal(cell.Key, trajectory.StartedFrom);
        Assert.Equal("9:1", trajectory.StartCellKey);
        Assert.Single(trajectory.Turns);
    }

    [Fact]
    public void ThereIsNothingToChooseWhenTheExpertsPathEndsAfterOneState()
    {
        // A one-step limit ends every episode after its first action, so the path holds the reset state alone.
        var environment = new GridworldEnvironment(new GridworldOptions { StepLimit = 1 });

        Assert.Single(DemonstrationStarts.Path(environment, 7, 3));
        Assert.Null(DemonstrationStarts.Choose(environment, 7, 3, new DeterministicRandom(1)));
    }
}
