using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Rollout;

public sealed class EpisodeRunnerTests
{
    [Fact]
    public void EpisodesRecordExactTokensWhoseLogProbsTheTrainerReproduces()
    {
        TorchRuntime.ManualSeed(3);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var context = LearningFixture.Context();
        var runner = new EpisodeRunner(model, context, new SamplingOptions { Temperature = 1.0, MaxNewTokens = 6 });
        var episodes = Enumerable.Range(0, 6).Select(i => ((IEnvironment)new EchoEnvironment(), i, 0)).ToList();

        var trajectories = runner.Run(episodes, new DeterministicRandom(9), policyVersion: 4);

        Assert.All(trajectories, t =>
        {
            Assert.Equal(2, t.Turns.Count);
            // The states acted in: the start, then where the first turn led (what GiGPO groups steps by).
            Assert.Equal($"{t.TaskId}:0", t.CellKeyBefore(0));
            Assert.Equal($"{t.TaskId}:1", t.CellKeyBefore(1));
            Assert.Equal(4, t.PolicyVersion);
            Assert.Equal("echo", t.Environment);
        });
        var turns = trajectories.SelectMany(t => t.Turns).ToList();
        var scores = TeacherForcing.Score(model, turns.Select(t => t.ContextTokens).ToList(), turns.Select(t => t.ActionTokens).ToList(), 1.0, LearningFixture.Tokenizer.Special.Padding);
        for (var i = 0; i < turns.Count; i++)
        {
            Assert.Equal(turns[i].ActionTokens.Length, turns[i].ActionLogProbs.Length);
            for (var j = 0; j < turns[i].ActionLogProbs.Length; j++)
            {
                Assert.Equal(turns[i].ActionLogProbs[j], scores[i].LogProbs[j], tolerance: 1e-3f);
            }
        }

        // The second turn's context holds the first turn's exact action tokens.
        var first = trajectories[0].Turns[0];
        var second = trajectories[0].Turns[1];
        Assert.True(ContainsRun(second.ContextTokens, first.ActionTokens));
    }

    [Fact]
    public void EachTurnRecordsHowMuchCloserToTheGoalItsActionBroughtTheEnvironment()
    {
        using var model = LearningFixture.TinyPolicy(5);
        var runner = BrieflyClonedRunner(model);
        var episodes = Enumerable.Range(0, 16).Select(i => ((IEnvironment)new EchoEnvironment(), i, 0)).ToList();

        var turns = runner.Run(episodes, new DeterministicRandom(2)).SelectMany(t => t.Turns).ToList();

        // The echo environment's distance is the right words still missing: a right word (reward 0.5) brings it one closer.
        Assert.All(turns, turn => Assert.Equal(turn.Reward == 0.5 ? 1 : 0, turn.Progress));
        Assert.Contains(turns, turn => turn.Progress == 1);
        Assert.Contains(turns, turn => turn.Progress == 0);
    }

    [Fact]
    public void AnEpisodeThatStopsGettingCloserToTheGoalEndsAsAFailureAfterTheStallTurns()
    {
        using var model = LearningFixture.TinyPolicy(5);
        var runner = BrieflyClonedRunner(model);
        IReadOnlyList<Trajectory> Run(int stallTurns) => runner.Run(
            Enumerable.Range(0, 16).Select(i => new EpisodeStart(new EchoEnvironment(), i, 0)).ToList(), new DeterministicRandom(2), 0, stallTurns: stallTurns);

        var patient = Run(stallTurns: 2);
        var strict = Run(stallTurns: 1);

        // Two turns never stall for two; with one, a wrong first word (no closer to the goal) ends the episode there.
        Assert.All(patient, t => Assert.Equal(2, t.Turns.Count));
        Assert.All(strict, t =>
        {
            if (t.Turns[0].Progress > 0)
            {
                Assert.Equal(2, t.Turns.Count);
            }
            else
            {
                Assert.Single(t.Turns);
                Assert.False(t.Success);
                Assert.Equal(0, t.Score);
            }
        });
        Assert.Contains(strict, t => t.Turns.Count == 1);
        Assert.Contains(strict, t => t.Turns.Count == 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(stallTurns: 0));
    }

    /// <summary>Clones <paramref name="model"/> briefly on the echo game, so that sampling says the requested word some of the time, not always.</summary>
    private static EpisodeRunner BrieflyClonedRunner(PolicyModel model)
    {
        var demonstrations = DemonstrationCollector.Collect(new EchoEnvironment(), LearningFixture.Context(), episodes: 200, actionNoise: 0, new DeterministicRandom(3));
        BehaviourCloningTrainer.Train(model, demonstrations, new BehaviourCloningOptions { Epochs = 3 }, LearningFixture.Tokenizer.Special.Padding);
        return new EpisodeRunner(model, LearningFixture.Context(), new SamplingOptions { Temperature = 1.0, MaxNewTokens = 6 });
    }

    private static bool ContainsRun(int[] haystack, int[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).Any(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
}
