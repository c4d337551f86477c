using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;
using AgentRL.Torch.Optim;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Reinforcement.Ppo;

/// <summary>
/// PPO with a learned value baseline (the classic actor-critic baseline, <c>--algo ppo</c>), at the turn level: a
/// <see cref="StateValueCritic"/> values each turn's context; a rollout's reward is its score, paid at its last turn (as
/// GRPO's is); each turn's advantage is GAE(γ, λ) over the rollout's turns, computed with the values from before this
/// update's critic steps; then the critic regresses V(s_t) toward the λ-returns A_t + V(s_t). Unlike the group methods it
/// needs no group: a single rollout gets a baseline.
/// </summary>
public sealed class ValueBaselineAdvantageEstimator : ILearnedAdvantageEstimator
{
    private const string CriticFile = "value.safetensors";
    private const string OptimizerFile = "optimizer.safetensors";
    private const string StateFile = "ppo.json";
    private const string What = "PPO value model";

    private readonly StateValueCritic _critic;
    private readonly AdamW _optimizer;
    private readonly ValueBaselineOptions _options;
    private readonly int _paddingToken;
    private readonly Dictionary<Trajectory, double[]> _advantages = new(ReferenceEqualityComparer.Instance);

    private ValueBaselineAdvantageEstimator(StateValueCritic critic, ValueBaselineOptions options, int paddingToken, int updates)
    {
        _critic = critic;
        _options = options;
        _paddingToken = paddingToken;
        Updates = updates;
        _optimizer = new AdamW(critic.Parameters(), options.LearningRate, weightDecay: 0);
        _critic.Eval();
    }

    public string Name => AdvantageEstimators.Ppo;

    /// <summary><see cref="Learn"/> calls so far.</summary>
    public int Updates { get; private set; }

    public static ValueBaselineAdvantageEstimator Create(PolicyModel policy, ValueBaselineOptions options, int paddingToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ValueBaselineAdvantageEstimator(StateValueCritic.FromPolicy(policy), options, paddingToken, 0);
    }

    /// <summary>Restores what <see cref="Save"/> wrote: the value model, its optimiser and the update count.</summary>
    public static ValueBaselineAdvantageEstimator Load(string folder, PolicyModel policy, ValueBaselineOptions options, int paddingToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var updates = EstimatorFiles.ReadCount(folder, StateFile, "updates", What);
        var critic = new StateValueCritic(policy.Config);
        ValueBaselineAdvantageEstimator? loaded = null;
        try
        {
            critic.To(policy.Device);
            EstimatorFiles.LoadWeights(critic, folder, CriticFile, What);
            loaded = new ValueBaselineAdvantageEstimator(critic, options, paddingToken, updates);
            OptimizerStateFile.Load(EstimatorFiles.Required(folder, OptimizerFile, What), loaded._optimizer, critic.NamedParameters().Select(p => p.Name).ToList());
            return loaded;
        }
        catch
        {
            loaded?._optimizer.Dispose();
            critic.Dispose();
            throw;
        }
    }

    public void Save(string folder, BpeTokenizer tokenizer)
    {
        Directory.CreateDirectory(folder);
        SafeTensors.Save(Path.Combine(folder, CriticFile), _critic.StateDict());
        OptimizerStateFile.Save(Path.Combine(folder, OptimizerFile), _optimizer);
        EstimatorFiles.WriteCount(folder, StateFile, "updates", Updates);
    }

    public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var trajectories = groups.SelectMany(g => g).ToList();
        var states = trajectories.SelectMany(t => t.Turns.Select(turn => turn.ContextTokens)).ToList();
        var values = Values(states);
        var (advantages, returns) = (new List<double[]>(), new double[states.Count]);
        var next = 0;
        foreach (var trajectory in trajectories)
        {
            var rolloutValues = values[next..(next + trajectory.Turns.Count)];
            var rolloutAdvantages = Gae(Rewards(trajectory), rolloutValues, _options.Discount, _options.Lambda);
            for (var t = 0; t < rolloutAdvantages.Length; t++)
            {
                returns[next + t] = rolloutAdvantages[t] + rolloutValues[t];
            }

            advantages.Add(rolloutAdvantages);
            next += trajectory.Turns.Count;
        }

        var flat = advantages.SelectMany(a => a).ToList();
        var scaled = _options.NormaliseAdvantages ? GroupBaselines.MeanStdNormalised(flat) : [.. flat];
        _advantages.Clear();
        next = 0;
        foreach (var trajectory in trajectories)
        {
            _advantages[trajectory] = scaled[next..(next += trajectory.Turns.Count)];
        }

        var loss = states.Count == 0 ? 0 : FitValues(states, returns);
        Updates++;
        return new Dictionary<string, double>
        {
            ["value_loss"] = loss,
            ["value_mean"] = values.DefaultIfEmpty(0).Average(),
            ["value_explained_variance"] = ExplainedVariance(values, returns),
        };
    }

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Select(t => _advantages.TryGetValue(t, out var a)
            ? a
            : throw new InvalidOperationException("PPO scores only rollouts it has learned from: pass the update's groups to Learn first.")).ToList();
    }

    /// <summary>
    /// GAE over one rollout's turns: δ_t = r_t + γ·V(s_{t+1}) − V(s_t) (no V after the last turn: the episode is over),
    /// A_t = δ_t + γλ·A_{t+1}.
    /// </summary>
    public static double[] Gae(IReadOnlyList<double> rewards, IReadOnlyList<double> values, double discount, double lambda)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(values);
        if (rewards.Count != values.Count)
        {
            throw new ArgumentException($"{rewards.Count} rewards but {values.Count} values.", nameof(values));
        }

        var advantages = new double[rewards.Count];
        var following = 0.0;
        for (var t = rewards.Count - 1; t >= 0; t--)
        {
            var nextValue = t + 1 < values.Count ? values[t + 1] : 0;
            var delta = rewards[t] + discount * nextValue - values[t];
            advantages[t] = following = delta + discount * lambda * following;
        }

        return advantages;
    }

    /// <summary>V(s) for each state, without gradients, in length-grouped batches.</summary>
    public double[] Values(IReadOnlyList<int[]> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var values = new double[states.Count];
        using var noGrad = new NoGrad();
        foreach (var batch in PolicyTrainer.MiniBatches(states.Select(s => s.Length).ToList(), _options.TokenBudget))
        {
            using var scope = DisposeScope.Begin();
            var predicted = _critic.Values(batch.Select(i => states[i]).ToList(), _paddingToken).ToArray<float>();
            for (var b = 0; b < batch.Length; b++)
            {
                values[batch[b]] = predicted[b];
            }
        }

        return values;
    }

    /// <summary>The rollout's score at its last turn, nothing before.</summary>
    private static double[] Rewards(Trajectory trajectory)
    {
        var rewards = new double[trajectory.Turns.Count];
        if (rewards.Length > 0)
        {
            rewards[^1] = trajectory.Score;
        }

        return rewards;
    }

    /// <summary>Regresses V toward the returns for the configured epochs; returns the last epoch's mean squared error.</summary>
    private double FitValues(IReadOnlyList<int[]> states, IReadOnlyList<double> returns)
    {
        var batches = PolicyTrainer.MiniBatches(states.Select(s => s.Length).ToList(), _options.TokenBudget);
        var lastEpoch = 0.0;
        _critic.Train();
        try
        {
            for (var epoch = 0; epoch < _options.EpochsPerUpdate; epoch++)
            {
                lastEpoch = 0;
                foreach (var batch in batches)
                {
                    using var scope = DisposeScope.Begin();
                    var values = _critic.Values(batch.Select(i => states[i]).ToList(), _paddingToken);
                    var difference = values - Tensor.FromArray(batch.Select(i => (float)returns[i]).ToArray(), values.Device, batch.Length);
                    var loss = (difference * difference).Mean();
                    _optimizer.ZeroGrad();
                    loss.Backward();
                    Gradients.ClipNorm(_critic.Parameters(), _options.ClipNorm);
                    _optimizer.Step();
                    lastEpoch += loss.Item() * batch.Length / states.Count;
                }
            }
        }
        finally
        {
            _critic.Eval();
        }

        return lastEpoch;
    }

    /// <summary>1 − Var(R − V) / Var(R): how much of the returns' spread the values account for (1 is all; 0 or below, none).</summary>
    private static double ExplainedVariance(IReadOnlyList<double> values, IReadOnlyList<double> returns)
    {
        if (returns.Count < 2)
        {
            return 0;
        }

        static double Variance(IEnumerable<double> xs)
        {
            var list = xs.ToList();
            var mean = list.Average();
            return list.Average(x => (x - mean) * (x - mean));
        }

        var spread = Variance(returns);
        return spread < 1e-12 ? 0 : 1 - Variance(returns.Select((r, i) => r - values[i])) / spread;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _critic.Dispose();
    }
}
