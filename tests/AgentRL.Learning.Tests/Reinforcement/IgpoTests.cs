using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Igpo;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class IgpoTests
{
    private static readonly ToleranceComparer Tolerance = new(1e-9);

    private static Turn Turn(string action, bool valid = true) => new([1], [2], [-0.5f], action, "o", 0, valid, "c");

    /// <summary>A hand-built search rollout: the given actions, the probability of the ground truth at the start of each turn, and the final score.</summary>
    private static Trajectory Rollout(string[] actions, double[] probabilities, double score, bool lastValid = true) => new(
        "search", 0, 0, actions.Select((a, i) => Turn(a, i < actions.Length - 1 || lastValid)).ToList(), score, score == 1, 0,
        GroundTruth: "Ada Lovelace", GroundTruthLogProbs: probabilities.Select(p => Math.Log(p)).ToArray());

    [Fact]
    public void ToolTurnsEarnTheirInformationGainAndTheAnswerTurnItsScore()
    {
        var options = new IgpoOptions();
        var answered = Rollout(["search[who]", "search[where]", "answer[Ada]"], [0.1, 0.3, 0.2], 0.5);
        var ranOut = Rollout(["search[who]", "search[again]"], [0.1, 0.4], 0);
        var malformed = Rollout(["search[who]", "answer[]"], [0.1, 0.4], 0, lastValid: false);

        Assert.Equal([0.2, -0.1, 0.5], IgpoAdvantageEstimator.TurnRewards(answered, options), Tolerance);
        Assert.Equal([0.3, -1.0], IgpoAdvantageEstimator.TurnRewards(ranOut, options), Tolerance);
        Assert.Equal([0.3, -2.0], IgpoAdvantageEstimator.TurnRewards(malformed, options with { FormatPenalty = -2 }), Tolerance);
        Assert.Equal([1.0], IgpoAdvantageEstimator.TurnRewards(Rollout(["ANSWER[Ada Lovelace]"], [0.05], 1), options), Tolerance);
    }

    [Fact]
    public void AdvantagesNormaliseTheWholeGroupsTurnRewardsThenDiscountWithinEachRollout()
    {
        // Turn rewards: [0.5, 1] and [-0.5, -1]: mean 0, population std 0.790569, so the normalised rewards are
        // ±0.632455 and ±1.264911 (ε aside). With γ = 0.5 the first turn adds half of the second.
        var group = new[]
        {
            Rollout(["search[a]", "answer[b]"], [0.1, 0.6], 1),
            Rollout(["search[a]", "search[c]"], [0.6, 0.1], 0),
        };

        var advantages = new IgpoAdvantageEstimator(new IgpoOptions { Discount = 0.5 }).Estimate(group);

        var std = Math.Sqrt((0.25 + 1 + 0.25 + 1) / 4) + GroupBaselines.Epsilon;
        Assert.Equal([(0.5 + 0.5 * 1) / std, 1 / std], advantages[0], Tolerance);
        Assert.Equal([(-0.5 - 0.5 * 1) / std, -1 / std], advantages[1], Tolerance);
    }

    [Fact]
    public void ALargerEpsilonKeepsBarelyDifferentTurnRewardsFromBecomingUnitSizedAdvantages()
    {
        // Two failed rollouts whose only difference is a gain of 1e-5: normalising with the reference ε (1e-6) blows
        // that up to an advantage near 1; ε = 0.1 leaves it near 0, as GRPO would for a group without signal.
        var group = new[]
        {
            Rollout(["search[a]", "answer[x]"], [1e-5, 2e-5], 0),
            Rollout(["search[a]", "answer[y]"], [1e-5, 1e-5], 0),
        };

        var reference = new IgpoAdvantageEstimator().Estimate(group);
        var guarded = new IgpoAdvantageEstimator(new IgpoOptions { Epsilon = 0.1 }).Estimate(group);

        Assert.True(reference[0][0] > 0.5, $"advantage {reference[0][0]}");
        Assert.InRange(guarded[0][0], 0, 1e-3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IgpoAdvantageEstimator(new IgpoOptions { Epsilon = 0 }));
    }

    [Fact]
    public void RolloutsWithoutGroundTruthScoresFailClearly()
    {
        var estimator = new IgpoAdvantageEstimator();
        var unscored = Rollout(["answer[b]"], [0.5], 1) with { GroundTruthLogProbs = null };
        var noTruth = unscored with { Environment = "gridworld", GroundTruth = null };
        var short1 = Rollout(["search[a]", "answer[b]"], [0.5], 1);

        Assert.Contains("played without it", Assert.Throws<InvalidOperationException>(() => estimator.Estimate([unscored, unscored])).Message);
        Assert.Contains("'gridworld' exposes none", Assert.Throws<InvalidOperationException>(() => estimator.Estimate([noTruth, noTruth])).Message);
        Assert.Throws<ArgumentException>(() => estimator.Estimate([short1, short1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IgpoAdvantageEstimator(new IgpoOptions { Discount = 1.5 }));
    }

    [Fact]
    public void DiagnosticsReportTheMeanGainAndFormatFailures()
    {
        var group = new[]
        {
            Rollout(["search[a]", "search[b]", "answer[c]"], [0.1, 0.3, 0.6], 1),
            Rollout(["search[a]", "search[b]"], [0.2, 0.1], 0),
        };
        IAdvantageEstimator estimator = AdvantageEstimators.Create(AdvantageEstimators.Igpo);

        var diagnostics = ((IDiagnosingAdvantageEstimator)estimator).Diagnose([group]);

        Assert.Equal((0.2 + 0.3 - 0.1) / 3, diagnostics["igpo_information_gain"], 1e-9);
        Assert.Equal(0.15, diagnostics["igpo_answer_probability_start"], 1e-9);
        Assert.Equal(0.35, diagnostics["igpo_answer_probability_end"], 1e-9);
        Assert.Equal(0.5, diagnostics["igpo_format_failures"], 1e-9);
        Assert.True(AdvantageEstimators.NeedsGroundTruth(AdvantageEstimators.Igpo));
        Assert.False(AdvantageEstimators.NeedsGroundTruth(AdvantageEstimators.Grpo));
    }

    [Fact]
    public void ProbeScoresEqualADirectTeacherForcedComputation()
    {
        TorchRuntime.ManualSeed(5);
        using var model = new PolicyModel(PolicyConfig.Tiny(LearningFixture.Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
        model.Eval();
        var context = LearningFixture.Context();
        var probe = new GroundTruthProbe(LearningFixture.Tokenizer, "say ");
        var runner = new EpisodeRunner(model, context, new SamplingOptions { MaxNewTokens = 6 }, probe);

        var trajectories = runner.Run(Enumerable.Range(0, 5).Select(i => ((IEnvironment)new EchoEnvironment(), i, 0)).ToList(), new DeterministicRandom(2));

        var (prefix, answer) = probe.Encode(EchoEnvironment.Words[0]);
        Assert.Equal(LearningFixture.Tokenizer.Encode("say " + EchoEnvironment.Words[0]), (int[])[.. prefix, .. answer]);
        foreach (var trajectory in trajectories)
        {
            // The echo environment's ground truth is the word it asks for first.
            Assert.Equal(EchoEnvironment.Words[trajectory.TaskId % 4], trajectory.GroundTruth);
            Assert.Equal(trajectory.Turns.Count, trajectory.GroundTruthLogProbs!.Length);
            for (var t = 0; t < trajectory.Turns.Count; t++)
            {
                var expected = DirectMeanLogProb(model, trajectory.Turns[t].ContextTokens, probe, trajectory.GroundTruth!);
                Assert.Equal(expected, trajectory.GroundTruthLogProbs[t], 1e-4);
            }
        }

        // Scored one trajectory at a time, the values are the same as in the shared batches.
        var alone = probe.MeanLogProbs(model, trajectories[1].Turns.Select(t => t.ContextTokens).ToList(), trajectories[1].GroundTruth!);
        Assert.Equal(trajectories[1].GroundTruthLogProbs!, alone, new ToleranceComparer(1e-4));
        Assert.Throws<ArgumentException>(() => probe.Encode(" "));
    }

    /// <summary>Mean log-softmax of the answer tokens after context ⊕ prefix, from one plain forward pass over the whole sequence.</summary>
    private static double DirectMeanLogProb(PolicyModel model, int[] context, GroundTruthProbe probe, string groundTruth)
    {
        var (prefix, answer) = probe.Encode(groundTruth);
        int[] sequence = [.. context, .. prefix, .. answer];
        using var noGrad = new NoGrad();
        var logits = model.Forward(Tensor.FromArray(sequence.Select(t => (long)t).ToArray(), 1, sequence.Length)).ToArray<float>();
        var vocabulary = logits.Length / sequence.Length;
        var total = 0.0;
        for (var j = 0; j < answer.Length; j++)
        {
            var position = context.Length + prefix.Length + j - 1;
            var row = logits.AsSpan(position * vocabulary, vocabulary);
            var max = double.NegativeInfinity;
            foreach (var x in row)
            {
                max = Math.Max(max, x);
            }

            var sum = 0.0;
            foreach (var x in row)
            {
                sum += Math.Exp(x - max);
            }

            total += row[answer[j]] - max - Math.Log(sum);
        }

        return total / answer.Length;
    }
}
