using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Exploration;

public sealed class ReturnThenExploreTests
{
    [Fact]
    public void RestoringACellThenActingReproducesTheStoredStateExactly()
    {
        // The expert walks part of a hard-exploration level; every state it passes becomes an archive cell.
        var original = new GridworldEnvironment(GridworldOptions.Hard);
        var step = original.Reset(taskId: 12, seed: 4);
        var archive = new GoExploreArchive();
        var actions = new List<string>();
        var observations = new List<string>();
        var returnSoFar = 0.0;
        for (var i = 0; i < 40 && !step.Done; i++)
        {
            var action = original.ExpertAction()!;
            step = original.Step(action);
            returnSoFar += step.Reward;
            actions.Add(action);
            observations.Add(step.Observation);
            archive.Offer([new CellVisit(12, 4, original.CellKey, returnSoFar, step.Info.StepCount, original.Snapshot(), step.Observation)]);
        }

        // Return to the state after 15 steps, in a fresh environment, then act as the expert did from there.
        var cell = archive.Cells.Single(c => c.Length == 15);
        var restored = new GridworldEnvironment(GridworldOptions.Hard);
        var first = new EpisodeStart(restored, TaskId: 0, Seed: 0, From: cell).Begin();

        Assert.Equal(observations[14], first.Observation);
        Assert.Equal(cell.CellKey, restored.CellKey);
        Assert.Equal(15, first.Info.StepCount);
        for (var i = 15; i < actions.Count; i++)
        {
            var next = restored.Step(actions[i]);
            Assert.Equal(observations[i], next.Observation);
            Assert.Equal(i + 1, next.Info.StepCount);
        }
    }

    [Fact]
    public void EpisodesStartedFromACellAreMarkedAndOfferTheStatesTheyReach()
    {
        TorchRuntime.ManualSeed(5);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var runner = new EpisodeRunner(model, LearningFixture.Context(), new SamplingOptions { MaxNewTokens = 6 });
        var echo = new EchoEnvironment();
        echo.Reset(3);
        echo.Step("hello");
        var cell = new ArchiveCell
        {
            Key = ArchiveCell.KeyOf(3, echo.CellKey), TaskId = 3, Seed = 0, CellKey = echo.CellKey, Score = 0.5, Length = 1,
            Snapshot = echo.Snapshot(), Observation = "restored observation",
        };
        var visits = new List<IReadOnlyList<CellVisit>>();

        var trajectories = runner.Run([new EpisodeStart(new EchoEnvironment(), 3, 0), new EpisodeStart(new EchoEnvironment(), 5, 0, From: cell)],
            new DeterministicRandom(1), policyVersion: 2, visits: visits);

        var (fresh, returned) = (trajectories[0], trajectories[1]);
        Assert.Null(fresh.StartedFrom);
        Assert.Equal(cell.Key, returned.StartedFrom);
        Assert.Equal(3, returned.TaskId);
        Assert.Equal(cell.CellKey, returned.StartCellKey);
        // The first prompt is built from the cell's stored observation; one turn remained of the echo task's two.
        Assert.Single(returned.Turns);
        Assert.Equal(LearningFixture.Context().Build([], LearningFixture.Context().Encode("restored observation")), returned.Turns[0].ContextTokens);
        // A fresh episode offers its start and the non-terminal state after turn 1; the returned one reached only its end.
        Assert.Equal(["3:0", "3:1"], visits[0].Select(v => v.CellKey));
        Assert.Equal([0, 1], visits[0].Select(v => v.Length));
        Assert.Empty(visits[1]);
    }

    [Fact]
    public void AnEpisodeStillRunningAfterTheTurnLimitEndsAsAFailure()
    {
        TorchRuntime.ManualSeed(5);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var runner = new EpisodeRunner(model, LearningFixture.Context(), new SamplingOptions { MaxNewTokens = 6 });

        var trajectory = runner.Run([new EpisodeStart(new EchoEnvironment(), 1, 0)], new DeterministicRandom(1), policyVersion: 0, maxTurns: 1).Single();

        Assert.Single(trajectory.Turns);
        Assert.Equal((0.0, false), (trajectory.Score, trajectory.Success));
    }
}
