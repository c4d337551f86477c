using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Archer;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Reinforcement;

public sealed class ArcherTests
{
    private static readonly BpeTokenizer ChainTokenizer = new BpeTrainer().Train(
        DemonstrationCollector.Corpus(new ChainEnvironment(), 5).Append("wait"), 300);

    private static ContextPolicy ChainContext => new(ChainTokenizer, 0, 64);

    private static SamplingOptions Sampling => new()
    {
        MaxNewTokens = 4, StopTokens = new HashSet<int> { ChainTokenizer.Special.EndOfAction }, PaddingToken = ChainTokenizer.Special.Padding,
    };

    /// <summary>A tiny policy cloned from the chain's expert: it says "forward" (almost) always.</summary>
    private static PolicyModel ChainPolicy()
    {
        TorchRuntime.ManualSeed(17);
        var model = new PolicyModel(PolicyConfig.Tiny(ChainTokenizer.VocabularySize) with { MaxSequenceLength = 96 });
        var turns = DemonstrationCollector.Collect(new ChainEnvironment(), ChainContext, episodes: 50, actionNoise: 0, new DeterministicRandom(3));
        BehaviourCloningTrainer.Train(model, turns, new BehaviourCloningOptions { Epochs = 30, MinimumLearningRateFraction = 1 }, ChainTokenizer.Special.Padding);
        return model;
    }

    private static IReadOnlyList<Trajectory> ChainRollouts(PolicyModel policy, int count, int seed) =>
        new EpisodeRunner(policy, ChainContext, new SamplingOptions { MaxNewTokens = 4 })
            .Run(Enumerable.Range(0, count).Select(_ => ((IEnvironment)new ChainEnvironment(), 0, 0)).ToList(), new DeterministicRandom((ulong)seed));

    private static UtteranceTransition Transition(double reward, bool done) => new([1, 2], [3], reward, done ? null : [4, 5]);

    [Fact]
    public void QTargetsBootstrapFromTheNextStateUnlessTheEpisodeEnded()
    {
        UtteranceTransition[] batch = [Transition(0, done: false), Transition(1, done: true), Transition(-0.1, done: false)];

        var targets = ArcherAdvantageEstimator.QTargets(batch, [0.5f, 100f, 2f], discount: 0.9);

        Assert.Equal([0.45f, 1f, 1.7f], targets, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void TheCriticLearnsTheBellmanValuesOfAChain()
    {
        using var policy = ChainPolicy();
        var rollouts = ChainRollouts(policy, 16, 1);
        Assert.All(rollouts, r => Assert.Equal(["forward", "forward", "forward", "forward"], r.Turns.Select(t => t.Action)));
        var options = new ArcherOptions { Discount = 0.5, CriticLearningRate = 1e-3, CriticStepsPerUpdate = 50, CriticBatchSize = 16, WarmupUpdates = 0 };
        using var estimator = ArcherAdvantageEstimator.Create(policy, options, Sampling);

        IReadOnlyDictionary<string, double>? diagnostics = null;
        for (var update = 0; update < 10; update++)
        {
            diagnostics = estimator.Learn([rollouts]);
        }

        // The turn at position k: Q(s_k, forward) = V(s_k) = 0.5^(3 − k), so the advantage of the action taken is 0.
        var turns = rollouts[0].Turns;
        using (new NoGrad())
        {
            var (q1, q2) = estimator.Critic.Q(turns.Select(t => t.ContextTokens).ToList(), turns.Select(t => t.ActionTokens).ToList(), Sampling.PaddingToken);
            var (v1, v2) = estimator.Critic.V(turns.Select(t => t.ContextTokens).ToList(), Sampling.PaddingToken);
            double[] expected = [0.125, 0.25, 0.5, 1];
            foreach (var head in new[] { q1, q2, v1, v2 })
            {
                Assert.Equal(expected, head.ToArray<float>().Select(x => (double)x), new ToleranceComparer(0.1));
            }
        }

        Assert.Equal(rollouts.Sum(r => r.Turns.Count) * 10, estimator.Buffer.Count);
        Assert.True(diagnostics!["critic_td_error"] < 0.01, $"TD error {diagnostics["critic_td_error"]}");
        Assert.All(estimator.Estimate(rollouts).SelectMany(a => a), a => Assert.InRange(a, -0.1, 0.1));
    }

    [Fact]
    public void TheActorWaitsForTheCriticDuringTheWarmUpThenGetsMinQMinusMinV()
    {
        using var policy = ChainPolicy();
        var rollouts = ChainRollouts(policy, 4, 2);
        using var estimator = ArcherAdvantageEstimator.Create(policy, new ArcherOptions { WarmupUpdates = 1, CriticStepsPerUpdate = 2, CriticBatchSize = 4, NormaliseAdvantages = true }, Sampling);

        Assert.Throws<InvalidOperationException>(() => estimator.Estimate(rollouts));
        var first = estimator.Learn([rollouts]);
        var frozen = estimator.Estimate(rollouts);
        var second = estimator.Learn([rollouts]);
        var advantages = estimator.Estimate(rollouts);

        Assert.Equal(1, first["actor_frozen"]);
        Assert.All(frozen.SelectMany(a => a), a => Assert.Equal(0, a));
        Assert.Equal(0, second["actor_frozen"]);
        // The raw advantages, divided by their standard deviation over the update's turns.
        var turns = rollouts.SelectMany(r => r.Turns).ToList();
        var raw = estimator.Advantages(turns.Select(t => t.ContextTokens).ToList(), turns.Select(t => t.ActionTokens).ToList());
        var mean = raw.Average();
        var std = Math.Sqrt(raw.Average(a => (a - mean) * (a - mean)));
        Assert.Equal(std, second["critic_advantage_std"], 5);
        Assert.Equal(raw.Select(a => a / (std + 1e-6)), advantages.SelectMany(a => a), new ToleranceComparer(1e-3));
        Assert.Contains(advantages.SelectMany(a => a), a => Math.Abs(a) > 0.5);
    }

    [Fact]
    public void TheTargetCriticFollowsByPolyakAveraging()
    {
        using var policy = ChainPolicy();
        using var online = UtteranceCritic.FromPolicy(policy);
        using var target = new UtteranceCritic(policy.Config);
        var before = target.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());
        var source = online.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());

        target.MoveTowards(online, 0.25);

        foreach (var (name, values) in target.StateDict())
        {
            var expected = before[name].Zip(source[name], (t, o) => 0.75f * t + 0.25f * o);
            Assert.Equal(expected, values.ToArray<float>(), new FloatTolerance(1e-6f));
        }
    }

    [Fact]
    public void TheReplayBufferOverwritesItsOldestAndSurvivesASaveButNotCorruption()
    {
        var buffer = new ReplayBuffer(3);
        for (var i = 0; i < 5; i++)
        {
            buffer.Add(new UtteranceTransition([i], [i, i], i, i % 2 == 0 ? null : [i + 1]));
        }

        Assert.Equal((3, 5L), (buffer.Count, buffer.Added));
        Assert.Equal([3.0, 4.0, 2.0], Enumerable.Range(0, 3).Select(i => buffer[i].Reward));
        var folder = Directory.CreateTempSubdirectory("agentrl-replay-");
        try
        {
            var path = Path.Combine(folder.FullName, "replay.bin");
            buffer.Save(path);
            var loaded = ReplayBuffer.Load(path);
            loaded.Add(new UtteranceTransition([9], [9], 9, null));
            buffer.Add(new UtteranceTransition([9], [9], 9, null));
            Assert.Equal(Enumerable.Range(0, 3).Select(i => (buffer[i].Reward, buffer[i].Done, buffer[i].State[0])), Enumerable.Range(0, 3).Select(i => (loaded[i].Reward, loaded[i].Done, loaded[i].State[0])));

            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^3]);
            Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ReplayBuffer.Load(path)).Message);
            File.WriteAllBytes(path, [.. bytes.Select((b, i) => i < 8 ? (byte)'x' : b)]);
            Assert.Throws<InvalidDataException>(() => ReplayBuffer.Load(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ASavedEstimatorLoadsWithItsCriticsBufferAndUpdateCount()
    {
        using var policy = ChainPolicy();
        var options = new ArcherOptions { WarmupUpdates = 0, CriticStepsPerUpdate = 3, CriticBatchSize = 4 };
        using var estimator = (ArcherAdvantageEstimator)AdvantageEstimators.CreateLearned(AdvantageEstimators.Archer, policy, Sampling, archer: options);
        var rollouts = ChainRollouts(policy, 4, 3);
        estimator.Learn([rollouts]);
        var folder = Directory.CreateTempSubdirectory("agentrl-archer-");
        try
        {
            estimator.Save(folder.FullName, ChainTokenizer);
            using var loaded = (ArcherAdvantageEstimator)AdvantageEstimators.CreateLearned(AdvantageEstimators.Archer, policy, Sampling, archer: options, savedIn: folder.FullName);

            var (states, actions) = (rollouts[0].Turns.Select(t => t.ContextTokens).ToList(), rollouts[0].Turns.Select(t => t.ActionTokens).ToList());
            Assert.Equal((estimator.Updates, estimator.Buffer.Count), (loaded.Updates, loaded.Buffer.Count));
            Assert.Equal(estimator.Advantages(states, actions), loaded.Advantages(states, actions));
            // Same buffer, optimiser state and sampling seed: the next update moves both alike.
            estimator.Learn([rollouts]);
            loaded.Learn([rollouts]);
            Assert.Equal(estimator.Estimate(rollouts), loaded.Estimate(rollouts));

            File.Delete(Path.Combine(folder.FullName, "replay.bin"));
            Assert.Contains("replay.bin", Assert.Throws<InvalidDataException>(() => ArcherAdvantageEstimator.Load(folder.FullName, policy, options, Sampling)).Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
