using AgentRL.Environments.Generation;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;
using AgentRL.Torch.Optim;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Reinforcement.Archer;

/// <summary>
/// ArCHer (shared/ALGORITHMS.md): an off-policy utterance-level critic guides the token-level actor. Every update adds
/// the rollouts' turns to a replay buffer and takes <see cref="ArcherOptions.CriticStepsPerUpdate"/> TD steps on
/// batches drawn from the whole buffer: Q_k(s, a) toward r + γ(1 − done)·V̄_k(s′) and V_k(s) toward Q̄_k(s, a′) with a′
/// freshly sampled from the current policy, a Polyak-averaged target critic (V̄, Q̄) following each step. The actor's
/// advantage for a turn is min(Q1, Q2)(s, a) − min(V1, V2)(s) (divided by the update's standard deviation when
/// <see cref="ArcherOptions.NormaliseAdvantages"/>), zero during the warm-up. The actor trains on the
/// utterances the current policy has just sampled in its rollouts (on-policy, so the trainer's ratio starts at 1),
/// rather than on new samples at buffer states: the critic is where the off-policy sample reuse happens.
/// </summary>
public sealed class ArcherAdvantageEstimator : ILearnedAdvantageEstimator
{
    private const string CriticFile = "critic.safetensors";
    private const string TargetFile = "target.safetensors";
    private const string OptimizerFile = "optimizer.safetensors";
    private const string BufferFile = "replay.bin";
    private const string StateFile = "archer.json";
    private const string What = "ArCHer critic";

    private readonly PolicyModel _policy;
    private readonly UtteranceCritic _critic;
    private readonly UtteranceCritic _target;
    private readonly AdamW _optimizer;
    private readonly ArcherOptions _options;
    private readonly SamplingOptions _sampling;
    private readonly Dictionary<Trajectory, double[]> _advantages = new(ReferenceEqualityComparer.Instance);

    private ArcherAdvantageEstimator(PolicyModel policy, UtteranceCritic critic, UtteranceCritic target, ReplayBuffer buffer, ArcherOptions options, SamplingOptions sampling, int updates)
    {
        _policy = policy;
        _critic = critic;
        _target = target;
        Buffer = buffer;
        _options = options;
        _sampling = sampling;
        Updates = updates;
        _optimizer = new AdamW(critic.Parameters(), options.CriticLearningRate, weightDecay: 0);
        _critic.Eval();
        _target.Eval();
    }

    public string Name => AdvantageEstimators.Archer;

    /// <summary><see cref="Learn"/> calls so far (the warm-up counts these).</summary>
    public int Updates { get; private set; }

    public ReplayBuffer Buffer { get; }

    public UtteranceCritic Critic => _critic;

    /// <summary>
    /// A fresh critic (and target) for <paramref name="policy"/>, which it samples a′ from; <paramref name="sampling"/>
    /// says how (the run's temperature, stop token, action length and padding).
    /// </summary>
    public static ArcherAdvantageEstimator Create(PolicyModel policy, ArcherOptions options, SamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(policy);
        options.Validate();
        var critic = UtteranceCritic.FromPolicy(policy);
        var target = UtteranceCritic.FromPolicy(policy);
        try
        {
            using (new NoGrad())
            {
                target.LoadStateDict(critic.StateDict());
            }

            return new ArcherAdvantageEstimator(policy, critic, target, new ReplayBuffer(options.BufferCapacity), options, sampling, 0);
        }
        catch
        {
            critic.Dispose();
            target.Dispose();
            throw;
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote: both critics, the optimiser, the replay buffer and the update count.</summary>
    public static ArcherAdvantageEstimator Load(string folder, PolicyModel policy, ArcherOptions options, SamplingOptions sampling)
    {
        ArgumentNullException.ThrowIfNull(policy);
        options.Validate();
        var updates = EstimatorFiles.ReadCount(folder, StateFile, "updates", What);
        var critic = new UtteranceCritic(policy.Config);
        var target = new UtteranceCritic(policy.Config);
        ArcherAdvantageEstimator? loaded = null;
        try
        {
            critic.To(policy.Device);
            target.To(policy.Device);
            EstimatorFiles.LoadWeights(critic, folder, CriticFile, What);
            EstimatorFiles.LoadWeights(target, folder, TargetFile, What);
            loaded = new ArcherAdvantageEstimator(policy, critic, target, ReplayBuffer.Load(EstimatorFiles.Required(folder, BufferFile, What)), options, sampling, updates);
            OptimizerStateFile.Load(EstimatorFiles.Required(folder, OptimizerFile, What), loaded._optimizer, critic.NamedParameters().Select(p => p.Name).ToList());
            return loaded;
        }
        catch
        {
            loaded?._optimizer.Dispose();
            critic.Dispose();
            target.Dispose();
            throw;
        }
    }

    public void Save(string folder, BpeTokenizer tokenizer)
    {
        Directory.CreateDirectory(folder);
        SafeTensors.Save(Path.Combine(folder, CriticFile), _critic.StateDict());
        SafeTensors.Save(Path.Combine(folder, TargetFile), _target.StateDict());
        OptimizerStateFile.Save(Path.Combine(folder, OptimizerFile), _optimizer);
        Buffer.Save(Path.Combine(folder, BufferFile));
        EstimatorFiles.WriteCount(folder, StateFile, "updates", Updates);
    }

    public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var trajectory in groups.SelectMany(g => g))
        {
            Buffer.AddTrajectory(trajectory);
        }

        var (td, q, v) = (0.0, 0.0, 0.0);
        if (Buffer.Count > 0)
        {
            var random = new DeterministicRandom(DeterministicRandom.Seed(_options.Seed, 1, Updates));
            for (var step = 0; step < _options.CriticStepsPerUpdate; step++)
            {
                var (stepTd, stepQ, stepV) = CriticStep(Buffer.Sample(_options.CriticBatchSize, random), random);
                (td, q, v) = (td + stepTd, q + stepQ, v + stepV);
            }
        }

        Updates++;
        var steps = Buffer.Count > 0 ? _options.CriticStepsPerUpdate : 1;
        var spread = ScoreTurns(groups.SelectMany(g => g).ToList());
        return new Dictionary<string, double>
        {
            ["critic_td_error"] = td / steps,
            ["critic_q_mean"] = q / steps,
            ["critic_v_mean"] = v / steps,
            ["critic_advantage_std"] = spread,
            ["replay_transitions"] = Buffer.Count,
            ["actor_frozen"] = ActorFrozen ? 1 : 0,
        };
    }

    /// <summary>Caches every turn's advantage for <see cref="Estimate"/> (normalised when asked); returns their raw standard deviation.</summary>
    private double ScoreTurns(List<Trajectory> trajectories)
    {
        _advantages.Clear();
        if (ActorFrozen)
        {
            foreach (var trajectory in trajectories)
            {
                _advantages[trajectory] = new double[trajectory.Turns.Count];
            }

            return 0;
        }

        var turns = trajectories.SelectMany(t => t.Turns).ToList();
        var values = TurnScoring.Score(turns, _options.TokenBudget, Advantages);
        var scored = Enumerable.Range(0, turns.Count).Where(i => turns[i].ActionTokens.Length > 0).ToList();
        var mean = scored.Count == 0 ? 0 : scored.Average(i => values[i]);
        var std = scored.Count == 0 ? 0 : Math.Sqrt(scored.Average(i => (values[i] - mean) * (values[i] - mean)));
        var scale = _options.NormaliseAdvantages ? 1 / (std + GroupBaselines.Epsilon) : 1;
        var next = 0;
        foreach (var trajectory in trajectories)
        {
            _advantages[trajectory] = trajectory.Turns.Select(_ => values[next++] * scale).ToArray();
        }

        return std;
    }

    /// <summary>Whether the actor still waits for the critic (every advantage is 0, so the trainer skips the update).</summary>
    public bool ActorFrozen => Updates <= _options.WarmupUpdates;

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Select(t => _advantages.TryGetValue(t, out var a)
            ? a
            : throw new InvalidOperationException("ArCHer scores only rollouts it has learned from: pass the update's groups to Learn first.")).ToList();
    }

    /// <summary>min(Q1, Q2)(s, a) − min(V1, V2)(s) under the online critic.</summary>
    public double[] Advantages(IReadOnlyList<int[]> states, IReadOnlyList<int[]> actions)
    {
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        var (q1, q2) = _critic.Q(states, actions, _sampling.PaddingToken);
        var (v1, v2) = _critic.V(states, _sampling.PaddingToken);
        return (q1.Minimum(q2) - v1.Minimum(v2)).ToArray<float>().Select(x => (double)x).ToArray();
    }

    /// <summary>One TD step on a batch; returns the Q heads' mean squared TD error and the batch's mean Q and V.</summary>
    private (double TdError, double Q, double V) CriticStep(IReadOnlyList<UtteranceTransition> batch, DeterministicRandom random)
    {
        var states = batch.Select(t => t.State).ToList();
        var actions = batch.Select(t => t.Action).ToList();
        var (qTarget1, qTarget2, vTarget1, vTarget2) = Targets(batch, random);

        using var scope = DisposeScope.Begin();
        _critic.Train();
        var (q1, q2) = _critic.Q(states, actions, _sampling.PaddingToken);
        var (v1, v2) = _critic.V(states, _sampling.PaddingToken);
        var qError = SquaredError(q1, qTarget1) + SquaredError(q2, qTarget2);
        var loss = qError + SquaredError(v1, vTarget1) + SquaredError(v2, vTarget2);
        _optimizer.ZeroGrad();
        loss.Backward();
        Gradients.ClipNorm(_critic.Parameters(), _options.ClipNorm);
        _optimizer.Step();
        _critic.Eval();
        _target.MoveTowards(_critic, _options.Polyak);
        return (qError.Item() / 2, (q1 + q2).Mean().Item() / 2, (v1 + v2).Mean().Item() / 2);
    }

    /// <summary>The regression targets per head, from the target critic: r + γ(1 − done)·V̄_k(s′) and Q̄_k(s, a′), a′ ~ π(·|s).</summary>
    private (float[] Q1, float[] Q2, float[] V1, float[] V2) Targets(IReadOnlyList<UtteranceTransition> batch, DeterministicRandom random)
    {
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        var continuing = Enumerable.Range(0, batch.Count).Where(i => !batch[i].Done).ToList();
        var (next1, next2) = (new float[batch.Count], new float[batch.Count]);
        if (continuing.Count > 0)
        {
            var (v1Next, v2Next) = _target.V(continuing.Select(i => batch[i].NextState!).ToList(), _sampling.PaddingToken);
            var (n1, n2) = (v1Next.ToArray<float>(), v2Next.ToArray<float>());
            for (var c = 0; c < continuing.Count; c++)
            {
                (next1[continuing[c]], next2[continuing[c]]) = (n1[c], n2[c]);
            }
        }

        var (q1, q2) = (QTargets(batch, next1, _options.Discount), QTargets(batch, next2, _options.Discount));
        var states = batch.Select(t => t.State).ToList();
        var fresh = PolicySampler.Generate(_policy, states, _sampling, random).Select(g => g.Tokens.Length > 0 ? g.Tokens : [_sampling.PaddingToken]).ToList();
        var (v1, v2) = _target.Q(states, fresh, _sampling.PaddingToken);
        return (q1, q2, v1.ToArray<float>(), v2.ToArray<float>());
    }

    /// <summary>r + γ(1 − done)·V̄(s′) per transition, given one target V head's values at the next states (ignored where done).</summary>
    public static float[] QTargets(IReadOnlyList<UtteranceTransition> batch, IReadOnlyList<float> nextValues, double discount) =>
        batch.Select((t, i) => (float)(t.Reward + (t.Done ? 0 : discount * nextValues[i]))).ToArray();

    private static Tensor SquaredError(Tensor prediction, float[] target)
    {
        var difference = prediction - Tensor.FromArray(target, prediction.Device, target.Length);
        return (difference * difference).Mean();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _critic.Dispose();
        _target.Dispose();
    }
}
