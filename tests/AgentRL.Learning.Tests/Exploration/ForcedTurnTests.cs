using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Exploration;

public sealed class ForcedTurnTests
{
    /// <summary>Gives rollouts alternately +1 and −1 on every turn, so every rollout carries signal.</summary>
    private sealed class AlternatingEstimator : IAdvantageEstimator
    {
        public string Name => "alternating";

        public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group) =>
            group.Select((t, i) => Enumerable.Repeat(i % 2 == 0 ? 1.0 : -1.0, t.Turns.Count).ToArray()).ToList();
    }

    [Fact]
    public void ForcedTurnsAreNeverTrainedOn()
    {
        using var model = LearningFixture.TinyPolicy(6);
        var rollouts = LearningFixture.EchoRollouts(model, 2);
        // The first turn of each rollout was, say, chosen by spanning proposals.
        var forced = rollouts.Select(t => t with { Turns = [t.Turns[0] with { Forced = true }, .. t.Turns.Skip(1)] }).ToList();
        using var trainer = LearningFixture.Trainer(model);

        var (trained, metrics, _) = GroupedUpdate.Apply(trainer, new AlternatingEstimator(), forced, groupSize: 4);

        Assert.Equal(4, trained);
        Assert.Equal(rollouts.Sum(t => t.Turns.Skip(1).Sum(u => u.ActionTokens.Length)), metrics!.Tokens);
    }

    [Fact]
    public void SpanningProposalsGiveDistinctActionsFirstAndRepeatOnlyWhenTheSamplesRunOut()
    {
        TorchRuntime.ManualSeed(6);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var context = LearningFixture.Context();
        var special = context.Tokenizer.Special;
        var prompt = context.Build([], context.Encode("Say the word: alpha."));
        var sampling = new SamplingOptions { MaxNewTokens = 4, StopTokens = new HashSet<int> { special.EndOfAction }, PaddingToken = special.Padding };
        var features = new ActionFeatures(model, 16, special.Padding);

        // An untrained model's samples all differ: eight proposals from sixteen samples are eight different actions.
        var proposals = SpanningProposals.Choose(model, prompt, sampling, candidates: 16, count: 8, new DeterministicRandom(1), features);
        Assert.Equal(8, proposals.Select(p => string.Join(',', p.Tokens)).Distinct().Count());

        // Two samples cannot fill six members: the (at most two) distinct ones repeat in order.
        var few = SpanningProposals.Choose(model, prompt, sampling, candidates: 2, count: 6, new DeterministicRandom(1), features);
        var distinct = few.Select(p => string.Join(',', p.Tokens)).Distinct().Count();
        Assert.InRange(distinct, 1, 2);
        Assert.Equal(few.Take(distinct).Select(p => p.Tokens), few.Skip(distinct).Take(distinct).Select(p => p.Tokens));
    }
}
