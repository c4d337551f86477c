using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Cloning;

public sealed class ExpertRelabellingTests
{
    /// <summary>Plays random actions on a gridworld task, noting the expert's choice in every state it passes through.</summary>
    private static (Trajectory Trajectory, List<string> ExpertChoices) RandomWalk(int taskId, int seed, int steps)
    {
        var environment = new GridworldEnvironment();
        var random = new DeterministicRandom(11);
        var actions = environment.ValidActions()!;
        var step = environment.Reset(taskId, seed);
        var (turns, choices) = (new List<Turn>(), new List<string>());
        for (var i = 0; i < steps && !step.Done; i++)
        {
            choices.Add(environment.ExpertAction()!);
            var action = actions[random.Next(actions.Count)];
            step = environment.Step(action);
            turns.Add(new Turn([i, i + 1], [], [], action, step.Observation, step.Reward, step.Info.Valid, environment.CellKey));
        }

        return (new Trajectory(environment.Name, taskId, seed, turns, step.Info.Score, step.Info.Success, 0), choices);
    }

    [Fact]
    public void EveryStateThePolicyReachedIsLabelledWithTheExpertsActionThere()
    {
        var context = LearningFixture.Context();
        var (walk, choices) = RandomWalk(taskId: 3, seed: 5, steps: 20);

        var labelled = ExpertRelabelling.Relabel(new GridworldEnvironment(), [walk], context);

        Assert.Equal(walk.Turns.Count, labelled.Count);
        Assert.Equal(walk.Turns.Select(t => t.ContextTokens), labelled.Select(d => d.Context));
        Assert.Equal(choices.Select(context.EncodeAction), labelled.Select(d => d.Action));
        // A random walk leaves the expert's path: the labels are not simply the actions taken.
        Assert.NotEqual(walk.Turns.Select(t => t.Action), choices);
    }

    [Fact]
    public void LabelNoiseReplacesThatShareOfLabelsWithRandomValidActions()
    {
        var context = LearningFixture.Context();
        var walks = Enumerable.Range(0, 12).Select(task => RandomWalk(taskId: task, seed: 1, steps: 40)).ToList();
        var expert = walks.SelectMany(w => w.ExpertChoices).Select(context.EncodeAction).ToList();
        var valid = new GridworldEnvironment().ValidActions()!.Select(context.EncodeAction).ToList();

        var noisy = ExpertRelabelling.Relabel(new GridworldEnvironment(), walks.Select(w => w.Trajectory), context, labelNoise: 0.5, random: new DeterministicRandom(3));
        var again = ExpertRelabelling.Relabel(new GridworldEnvironment(), walks.Select(w => w.Trajectory), context, labelNoise: 0.5, random: new DeterministicRandom(3));

        Assert.Equal(expert.Count, noisy.Count);
        Assert.Equal(noisy.Select(d => d.Action), again.Select(d => d.Action));
        Assert.All(noisy, d => Assert.Contains(valid, v => v.SequenceEqual(d.Action)));
        // Half the labels are drawn at random, and a random draw names the expert's action about one time in |valid|.
        var changed = noisy.Zip(expert).Count(pair => !pair.First.Action.SequenceEqual(pair.Second));
        var expected = 0.5 * (1 - (1.0 / valid.Count)) * expert.Count;
        Assert.InRange(changed, 0.75 * expected, 1.25 * expected);
        // Contexts are the policy's, noise or not.
        Assert.Equal(walks.SelectMany(w => w.Trajectory.Turns).Select(t => t.ContextTokens), noisy.Select(d => d.Context));
    }

    [Fact]
    public void LabelNoiseMustBeAProbabilityWithARandomSource()
    {
        var (walk, _) = RandomWalk(taskId: 3, seed: 5, steps: 4);
        var context = LearningFixture.Context();

        Assert.Throws<ArgumentOutOfRangeException>(() => ExpertRelabelling.Relabel(new GridworldEnvironment(), [walk], context, labelNoise: 1.5, random: new DeterministicRandom(1)));
        Assert.Throws<ArgumentNullException>(() => ExpertRelabelling.Relabel(new GridworldEnvironment(), [walk], context, labelNoise: 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BaseModelRecipe.Train(() => new GridworldEnvironment(), new BaseModelOptions { DaggerRounds = 1, DaggerLabelNoise = -0.1 }));
    }

    [Fact]
    public void ATrajectoryThatDoesNotReplayIsRefused()
    {
        var (walk, _) = RandomWalk(taskId: 3, seed: 5, steps: 6);
        var tampered = walk with { Turns = [.. walk.Turns.Take(2), walk.Turns[2] with { Observation = "You see: something else." }, .. walk.Turns.Skip(3)] };

        var error = Assert.Throws<InvalidOperationException>(() => ExpertRelabelling.Relabel(new GridworldEnvironment(), [tampered], LearningFixture.Context()));
        Assert.Contains("task 3 (seed 5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("not deterministic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DaggerTeachesWhatTheExpertsDemonstrationsNeverShow()
    {
        var options = new BaseModelOptions { Preset = "tiny", Demonstrations = 80, ActionNoise = 0, Epochs = 6, ContextTokens = 48, VocabularySize = 300 };
        TorchRuntime.ManualSeed(8);
        using var cloned = BaseModelRecipe.Train(() => new GuessThenToldEnvironment(), options);
        TorchRuntime.ManualSeed(8);
        var epochs = new List<int>();
        using var dagger = BaseModelRecipe.Train(() => new GuessThenToldEnvironment(), options with { DaggerRounds = 1, DaggerEpisodes = 100, DaggerEpochs = 6 }, (epoch, _) => epochs.Add(epoch));

        // The demonstrations guess right at once (one turn each); DAgger adds the clone's own turns, told ones included.
        Assert.Equal(80, cloned.DemonstrationTurns);
        Assert.InRange(dagger.DemonstrationTurns, 80 + 100 + 40, 80 + 200);
        Assert.Equal(Enumerable.Range(1, 12), epochs);
        var before = Success(cloned);
        var after = Success(dagger);
        // A clone cannot know the hidden word and has never been told one; after DAgger it repeats what it is told.
        Assert.True(before < 0.6, $"cloned success {before:P0}");
        Assert.True(after > 0.9, $"success after DAgger {after:P0}");
        Assert.Throws<ArgumentOutOfRangeException>(() => BaseModelRecipe.Train(() => new GuessThenToldEnvironment(), options with { DaggerRounds = 1, DaggerEpisodes = 0 }));
    }

    private static double Success(BaseModel model) =>
        new Evaluator(new EpisodeRunner(model.Model, model.Context, new SamplingOptions { Greedy = true, MaxNewTokens = 6 }), () => new GuessThenToldEnvironment())
            .Evaluate(TaskSplit.Validation, tasks: 48, samplesPerTask: 1, ks: [1], new DeterministicRandom(1)).SuccessRate;
}
