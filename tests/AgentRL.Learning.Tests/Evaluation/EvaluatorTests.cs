using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;

namespace AgentRL.Learning.Tests.Evaluation;

public sealed class EvaluatorTests
{
    [Fact]
    public void AnEvaluationWithoutEpisodesIsRefusedByName()
    {
        using var model = LearningFixture.TinyPolicy(1);
        var evaluator = new Evaluator(new EpisodeRunner(model, LearningFixture.Context(), new SamplingOptions { MaxNewTokens = 4 }), () => new EchoEnvironment());

        var noTasks = Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Evaluate(TaskSplit.Validation, tasks: 0, samplesPerTask: 1, ks: [1], new DeterministicRandom(1)));
        var noSamples = Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Evaluate(TaskSplit.Validation, tasks: 4, samplesPerTask: 0, ks: [1], new DeterministicRandom(1)));
        var noBatch = Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Evaluate(TaskSplit.Validation, tasks: 4, samplesPerTask: 1, ks: [1], new DeterministicRandom(1), batchSize: 0));

        Assert.Equal("tasks", noTasks.ParamName);
        Assert.Equal("samplesPerTask", noSamples.ParamName);
        Assert.Equal("batchSize", noBatch.ParamName);
    }
}
