using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Tests.Tokenization;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>Episodes that picked up an object their mission does not name, rewritten as successes of picking it up.</summary>
public sealed class HindsightRelabellingTests
{
    private static readonly GridworldOptions Options = new() { StepLimit = 32 };
    private static readonly BpeTokenizer Tokenizer = new BpeTrainer().Train(GridworldText.ExpertEpisodes(40, Options), 400);
    private static readonly ContextPolicy Context = new(Tokenizer, maxTurns: 1, maxTokens: 200);

    /// <summary>Random walks over the first gridworld tasks, with contexts built as the runner builds them (the last turn and the current view).</summary>
    private static List<Trajectory> RandomWalks(int tasks, int steps)
    {
        var environment = new GridworldEnvironment(Options);
        var actions = environment.ValidActions()!;
        var random = new DeterministicRandom(7);
        var walks = new List<Trajectory>();
        for (var task = 0; task < tasks; task++)
        {
            var step = environment.Reset(task);
            var (history, turns) = (new List<(int[] Observation, int[] Action)>(), new List<Turn>());
            for (var i = 0; i < steps && !step.Done; i++)
            {
                var (observation, action) = (Context.Encode(step.Observation), actions[random.Next(actions.Count)]);
                var context = Context.Build(history, observation);
                step = environment.Step(action);
                var actionTokens = Context.EncodeAction(action);
                turns.Add(new Turn(context, actionTokens, new float[actionTokens.Length], action, step.Observation, step.Reward, step.Info.Valid, environment.CellKey));
                history.Add((observation, actionTokens));
            }

            walks.Add(new Trajectory(environment.Name, task, 0, turns, step.Info.Score, step.Info.Success, 0));
        }

        return walks;
    }

    [Fact]
    public void AnEpisodeIsRewrittenUpToItsUnaskedPickUpAsThatMissionsSuccess()
    {
        TorchRuntime.ManualSeed(3);
        using var model = new PolicyModel(PolicyConfig.Tiny(Tokenizer.VocabularySize) with { MaxSequenceLength = 256 });
        var walks = RandomWalks(tasks: 60, steps: 24);
        var relabeller = new GridworldHindsight(Options);
        var expected = walks.Select(w => (Walk: w, Goal: relabeller.Relabel(w.Turns.Select(t => t.Observation).ToList()))).Where(x => x.Goal is not null).ToList();
        Assert.True(expected.Count >= 3, $"only {expected.Count} random walks picked up an unnamed object");

        var (relabelled, advantages) = new HindsightRelabelling(relabeller, model, Tokenizer, advantage: 0.5).Relabel(walks);

        Assert.Equal(expected.Count, relabelled.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var ((walk, goal), episode) = (expected[i], relabelled[i]);
            Assert.Equal(goal!.LastTurn + 1, episode.Turns.Count);
            Assert.True(episode.Success);
            Assert.Equal(goal.Score, episode.Score);
            Assert.Equal(goal.Score, episode.Turns[^1].Reward);
            Assert.All(advantages[i], a => Assert.Equal(0.5 * goal.Score, a, 12));
            Assert.Equal(walk.Turns.Take(episode.Turns.Count).Select(t => t.ActionTokens), episode.Turns.Select(t => t.ActionTokens));
            foreach (var (turn, original) in episode.Turns.Zip(walk.Turns))
            {
                // Every mention of the mission, in the past turn's view and the current one, now names the picked object.
                var text = Tokenizer.Decode(turn.ContextTokens);
                Assert.DoesNotContain(goal.Find + ".", text, StringComparison.Ordinal);
                Assert.Equal(Tokenizer.Decode(original.ContextTokens).Replace(goal.Find, goal.Replace, StringComparison.Ordinal), text);
                Assert.Equal(original.Observation.Replace(goal.Find, goal.Replace, StringComparison.Ordinal), turn.Observation);
            }

            // The recorded log-probs are the current policy's under the new contexts: PPO's ratio starts at 1.
            var scores = TeacherForcing.Score(model, episode.Turns.Select(t => t.ContextTokens).ToList(), episode.Turns.Select(t => t.ActionTokens).ToList(), paddingToken: Tokenizer.Special.Padding);
            Assert.Equal(scores.SelectMany(s => s.LogProbs).Select(p => (double)p), episode.Turns.SelectMany(t => t.ActionLogProbs).Select(p => (double)p), new ToleranceComparer(1e-5));
        }
    }

    [Fact]
    public void EpisodesStartedPartWayOrWhoseContextsLackTheMissionAreLeftAlone()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny(Tokenizer.VocabularySize) with { MaxSequenceLength = 256 });
        var relabeller = new GridworldHindsight(Options);
        var picked = RandomWalks(tasks: 60, steps: 24).Where(w => relabeller.Relabel(w.Turns.Select(t => t.Observation).ToList()) is not null).ToList();
        var startedPartWay = picked.Select(w => w with { StartedFrom = "cell" });
        var withoutMission = picked.Select(w => w with { Turns = w.Turns.Select(t => t with { ContextTokens = [Tokenizer.Special.Observation, Tokenizer.Special.Action] }).ToList() });

        var (relabelled, advantages) = new HindsightRelabelling(relabeller, model, Tokenizer, advantage: 1).Relabel([.. startedPartWay, .. withoutMission]);

        Assert.Empty(relabelled);
        Assert.Empty(advantages);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HindsightRelabelling(relabeller, model, Tokenizer, advantage: 0));
    }

    [Fact]
    public void ReplacingTokensReplacesEveryRunAndReportsNone()
    {
        Assert.Equal([9, 7, 7, 3, 9, 7, 7], HindsightRelabelling.ReplaceAll([1, 2, 3, 1, 2], [1, 2], [9, 7, 7])!);
        Assert.Null(HindsightRelabelling.ReplaceAll([1, 3, 2], [1, 2], [9]));
    }
}
