using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Tests.Policy;

public sealed class PolicyModelTests : IDisposable
{
    private const int Vocabulary = 50;
    private readonly PolicyModel _model;

    public PolicyModelTests()
    {
        TorchRuntime.ManualSeed(11);
        _model = new PolicyModel(PolicyConfig.Tiny(Vocabulary) with { MaxSequenceLength = 64 });
        _model.Eval();
    }

    public void Dispose() => _model.Dispose();

    private static readonly int[][] Prompts = [[1, 2, 3, 4, 5, 6, 7], [8, 9], [10, 11, 12, 13]];

    /// <summary>The slow reference: full forward over the whole sequence for every new token, one prompt at a time.</summary>
    private int[] ArgmaxDecode(int[] prompt, int steps)
    {
        var sequence = prompt.ToList();
        using var noGrad = new NoGrad();
        for (var i = 0; i < steps; i++)
        {
            using var scope = DisposeScope.Begin();
            var logits = _model.Forward(Tensor.FromArray(sequence.Select(t => (long)t).ToArray(), 1, sequence.Count));
            var last = logits.Narrow(1, sequence.Count - 1, 1).Reshape(Vocabulary).ToArray<float>();
            sequence.Add(Array.IndexOf(last, last.Max()));
        }

        return sequence.Skip(prompt.Length).ToArray();
    }

    [Fact]
    public void GreedySamplingWithTheCacheEqualsArgmaxDecodingByFullRecomputation()
    {
        var greedy = PolicySampler.Generate(_model, Prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 8 }, new DeterministicRandom(1));

        for (var b = 0; b < Prompts.Length; b++)
        {
            Assert.Equal(ArgmaxDecode(Prompts[b], 8), greedy[b].Tokens);
            Assert.False(greedy[b].Stopped);
        }
    }

    [Fact]
    public void CachedLogitsEqualFullRecomputation()
    {
        var sequence = new long[] { 3, 1, 4, 1, 5, 9, 2, 6 };
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        var full = _model.Forward(Tensor.FromArray(sequence, 1, sequence.Length)).ToArray<float>();

        using var cache = new KvCache(_model.LayerCount);
        var incremental = new List<float>();
        incremental.AddRange(_model.Forward(Tensor.FromArray(sequence[..5], 1, 5), 0, cache).ToArray<float>());
        for (var i = 5; i < sequence.Length; i++)
        {
            incremental.AddRange(_model.Forward(Tensor.FromArray(sequence[i..(i + 1)], 1, 1), i, cache).ToArray<float>());
        }

        Assert.Equal(sequence.Length, cache.Length);
        Assert.Equal(full.Length, incremental.Count);
        for (var i = 0; i < full.Length; i++)
        {
            Assert.Equal(full[i], incremental[i], tolerance: 1e-4f);
        }
    }

    [Fact]
    public void LogProbsRecordedAtSamplingEqualThoseTheTrainerRecomputes()
    {
        var options = new SamplingOptions { Temperature = 0.8, TopP = 0.9, MaxNewTokens = 10 };
        var sampled = PolicySampler.Generate(_model, Prompts, options, new DeterministicRandom(5));

        var scores = TeacherForcing.Score(_model, Prompts, sampled.Select(s => s.Tokens).ToList(), temperature: 0.8);

        for (var b = 0; b < Prompts.Length; b++)
        {
            Assert.Equal(sampled[b].Tokens.Length, scores[b].LogProbs.Length);
            for (var i = 0; i < sampled[b].LogProbs.Length; i++)
            {
                Assert.Equal(sampled[b].LogProbs[i], scores[b].LogProbs[i], tolerance: 1e-4f);
                Assert.InRange(scores[b].Entropies[i], 0, Math.Log(Vocabulary) + 1e-4);
            }
        }
    }

    [Fact]
    public void APromptDecodesTheSameAloneOrPaddedInABatch()
    {
        var options = new SamplingOptions { Greedy = true, MaxNewTokens = 6 };

        var alone = PolicySampler.Generate(_model, [Prompts[1]], options, new DeterministicRandom(1));
        var batched = PolicySampler.Generate(_model, Prompts, options, new DeterministicRandom(1));

        Assert.Equal(alone[0].Tokens, batched[1].Tokens);
        for (var i = 0; i < alone[0].LogProbs.Length; i++)
        {
            Assert.Equal(alone[0].LogProbs[i], batched[1].LogProbs[i], tolerance: 1e-4f);
        }
    }

    [Fact]
    public void RepeatedPromptsShareOneRunYetSampleApartAndScoreLikeTheirOwnRun()
    {
        // Four copies of one prompt among others: the prompt is run once and its cache copied, after which the copies
        // sample their own tokens. Each copy must still be scored as if it had been run alone.
        int[][] prompts = [Prompts[0], Prompts[1], Prompts[0], Prompts[0], Prompts[2], Prompts[0]];
        var options = new SamplingOptions { Temperature = 1.5, MaxNewTokens = 6 };

        var sampled = PolicySampler.Generate(_model, prompts, options, new DeterministicRandom(3));

        Assert.True(new[] { 0, 2, 3, 5 }.Select(b => string.Join(',', sampled[b].Tokens)).Distinct().Count() > 1, "the copies of one prompt should sample apart");
        for (var b = 0; b < prompts.Length; b++)
        {
            var alone = TeacherForcing.Score(_model, [prompts[b]], [sampled[b].Tokens], temperature: 1.5)[0];
            Assert.Equal(alone.LogProbs, sampled[b].LogProbs, new FloatTolerance(1e-4f));
        }

        var greedy = new SamplingOptions { Greedy = true, MaxNewTokens = 6 };
        var greedyCopies = PolicySampler.Generate(_model, prompts, greedy, new DeterministicRandom(1));
        var greedyAlone = PolicySampler.Generate(_model, [Prompts[0]], greedy, new DeterministicRandom(1))[0];
        Assert.All(new[] { 0, 2, 3, 5 }, b => Assert.Equal(greedyAlone.Tokens, greedyCopies[b].Tokens));
    }

    [Fact]
    public void StopTokensEndASequenceAndTheCapEndsTheRest()
    {
        var first = PolicySampler.Generate(_model, Prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 5 }, new DeterministicRandom(1));
        var stop = first[0].Tokens[0];

        var stopped = PolicySampler.Generate(_model, Prompts, new SamplingOptions { Greedy = true, MaxNewTokens = 5, StopTokens = new HashSet<int> { stop } }, new DeterministicRandom(1));

        Assert.Equal([stop], stopped[0].Tokens);
        Assert.True(stopped[0].Stopped);
        Assert.All(stopped.Skip(1), s => Assert.True(s.Stopped || s.Tokens.Length == 5));
    }

    [Fact]
    public void SeededSamplingIsReproducibleAndSeedsDiffer()
    {
        var options = new SamplingOptions { Temperature = 1.5, MaxNewTokens = 12 };

        var a = PolicySampler.Generate(_model, Prompts, options, new DeterministicRandom(7));
        var b = PolicySampler.Generate(_model, Prompts, options, new DeterministicRandom(7));
        var c = PolicySampler.Generate(_model, Prompts, options, new DeterministicRandom(8));

        Assert.Equal(a.Select(s => s.Tokens).SelectMany(t => t), b.Select(s => s.Tokens).SelectMany(t => t));
        Assert.NotEqual(a.Select(s => s.Tokens).SelectMany(t => t), c.Select(s => s.Tokens).SelectMany(t => t));
    }

    [Fact]
    public void LogitsForTheLastPositionsOnlyEqualTheTailOfTheFullLogits()
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = new NoGrad();
        var tokens = Tensor.FromArray(new long[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, 4);

        var full = _model.Forward(tokens).Narrow(1, 1, 3).Contiguous().ToArray<float>();
        var tail = _model.Forward(tokens, lastPositions: 3);

        Assert.Equal([2L, 3, Vocabulary], tail.Shape);
        Assert.Equal(full, tail.ToArray<float>(), (a, b) => Math.Abs(a - b) <= 1e-5f);
        Assert.Throws<ArgumentOutOfRangeException>(() => _model.Forward(tokens, lastPositions: 5));
    }

    [Fact]
    public void HiddenStatesAreAvailable()
    {
        using var scope = DisposeScope.Begin();
        using var noGrad = new NoGrad();

        var hidden = _model.HiddenStates(Tensor.FromArray(new long[] { 1, 2, 3, 4, 5, 6 }, 2, 3));

        Assert.Equal([2L, 3, 64], hidden.Shape);
    }

    [Fact]
    public void ACheckpointRoundTripGivesIdenticalLogits()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, _model.StateDict());
            TorchRuntime.ManualSeed(99);
            using var restored = new PolicyModel(_model.Config);
            var state = SafeTensors.Load(path);
            restored.LoadStateDict(state);
            foreach (var tensor in state.Values)
            {
                tensor.Dispose();
            }

            using var scope = DisposeScope.Begin();
            using var noGrad = new NoGrad();
            var tokens = Tensor.FromArray(new long[] { 4, 8, 15, 16, 23, 42 }, 1, 6);
            Assert.Equal(_model.Forward(tokens).ToArray<float>(), restored.Forward(tokens).ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TiedAndUntiedHeadsDifferByOneMatrix()
    {
        using var untied = new PolicyModel(PolicyConfig.Tiny(Vocabulary) with { TieEmbeddings = false, MaxSequenceLength = 64 });

        Assert.Equal(_model.ParameterCount + Vocabulary * 64, untied.ParameterCount);
        Assert.DoesNotContain(_model.NamedParameters(), p => p.Name.StartsWith("head", StringComparison.Ordinal));
        Assert.Contains(_model.NamedParameters(), p => p.Name == "layers.1.attention_norm.weight");
    }

    [Fact]
    public void RepeatedPairsAreScoredOnceWithTheValuesAndGradientsOfScoringEachRow()
    {
        int[][] prompts = [[1, 2, 3], [4, 5], [1, 2, 3], [6, 7, 8, 9], [4, 5], [1, 2, 3]];
        int[][] actions = [[10, 11], [12], [10, 11], [13, 14], [12], [10]];

        using (new NoGrad())
        {
            var batched = TeacherForcing.Score(_model, prompts, actions);
            for (var b = 0; b < prompts.Length; b++)
            {
                var alone = TeacherForcing.Score(_model, [prompts[b]], [actions[b]])[0];
                Assert.Equal(alone.LogProbs, batched[b].LogProbs, new FloatTolerance(1e-5f));
                Assert.Equal(alone.Entropies, batched[b].Entropies, new FloatTolerance(1e-5f));
            }
        }

        // Rows 0 and 2, and 1 and 4, are the same pair; row 5 shares row 0's prompt but not its action.
        var repeated = GradientOfWeightedSum(prompts, actions, [1, 1, 1, 1, 1, 1]);
        var distinct = GradientOfWeightedSum([prompts[0], prompts[1], prompts[3], prompts[5]], [actions[0], actions[1], actions[3], actions[5]], [2, 2, 1, 1]);

        Assert.Equal(distinct, repeated, new FloatTolerance(1e-5f));
        Assert.Contains(repeated, g => Math.Abs(g) > 1e-3);
    }

    /// <summary>The gradient of Σ_b weight_b · Σ log-probs of row b over every parameter, flattened.</summary>
    private float[] GradientOfWeightedSum(int[][] prompts, int[][] actions, float[] weights)
    {
        foreach (var parameter in _model.Parameters())
        {
            parameter.ZeroGrad();
        }

        using (DisposeScope.Begin())
        {
            var (logProbs, _, mask) = TeacherForcing.LogProbTensor(_model, prompts, actions, 1.0, paddingToken: 0);
            (logProbs * mask * Tensor.FromArray(weights, weights.Length, 1)).Sum().Backward();
        }

        var gradient = new List<float>();
        foreach (var parameter in _model.Parameters())
        {
            using var grad = parameter.Grad!;
            gradient.AddRange(grad.ToArray<float>());
        }

        return [.. gradient];
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float value) => 0;
    }

    [Fact]
    public void TooLongRequestsAndBadConfigurationsFailClearly()
    {
        Assert.Throws<ArgumentException>(() => PolicySampler.Generate(_model, [[1, 2]], new SamplingOptions { MaxNewTokens = 100 }, new DeterministicRandom(1)));
        Assert.Throws<ArgumentException>(() => PolicySampler.Generate(_model, [[]], new SamplingOptions(), new DeterministicRandom(1)));
        Assert.Throws<ArgumentException>(() => new PolicyModel(PolicyConfig.Tiny(Vocabulary) with { Heads = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplingOptions { TopP = 0 }.Validate());
    }
}
