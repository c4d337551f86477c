using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;
using AgentRL.Torch.Optim;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// OPRL's implicit process reward model: a second model of the policy's architecture, initialised from it, whose step
/// reward for action a in state s is β·(log π_φ(a|s) − log π_old(a|s)) against the log-probs recorded when the rollout
/// was sampled. It learns from outcomes only: a trajectory's score is the mean of its step rewards, and each update is
/// <see cref="OprlOptions.StepsPerUpdate"/> AdamW steps on −log σ(score(success) − score(failure)) over every such pair
/// within the groups.
/// </summary>
public sealed class ImplicitProcessRewardModel : IDisposable
{
    private readonly PolicyModel _model;
    private readonly AdamW _optimizer;
    private readonly OprlOptions _options;
    private readonly int _paddingToken;

    private ImplicitProcessRewardModel(PolicyModel model, OprlOptions options, int paddingToken, int steps)
    {
        options.Validate();
        _model = model;
        _options = options;
        _paddingToken = paddingToken;
        _optimizer = new AdamW(model.Parameters(), options.LearningRate, weightDecay: 0);
        Steps = steps;
        _model.Eval();
    }

    /// <summary>Optimiser steps taken so far.</summary>
    public int Steps { get; private set; }

    public PolicyModel Model => _model;

    /// <summary>A reward model whose weights are a copy of <paramref name="policy"/>'s (so every step reward starts at 0 on-policy).</summary>
    public static ImplicitProcessRewardModel InitialisedFrom(PolicyModel policy, OprlOptions options, int paddingToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = new PolicyModel(policy.Config);
        try
        {
            model.To(policy.Device);
            using (new NoGrad())
            {
                model.LoadStateDict(policy.StateDict());
            }

            return new ImplicitProcessRewardModel(model, options, paddingToken, 0);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads a reward model (weights, optimiser state and step count) that <see cref="Save"/> wrote, onto <paramref name="device"/>.</summary>
    public static ImplicitProcessRewardModel Load(string folder, OprlOptions options, int paddingToken, Device device)
    {
        var info = PolicyCheckpoint.ReadInfo(folder);
        var model = PolicyCheckpoint.LoadModel(folder);
        ImplicitProcessRewardModel? loaded = null;
        try
        {
            model.To(device);
            loaded = new ImplicitProcessRewardModel(model, options, paddingToken, info.Step);
            PolicyCheckpoint.LoadOptimizer(folder, loaded._optimizer, model);
            return loaded;
        }
        catch
        {
            loaded?._optimizer.Dispose();
            model.Dispose();
            throw;
        }
    }

    public void Save(string folder, BpeTokenizer tokenizer) => PolicyCheckpoint.Save(folder, _model, tokenizer, _optimizer, Steps);

    /// <summary>Per trajectory, per turn: β·(log π_φ(a_t|s_t) − log π_old(a_t|s_t)), before any rescaling.</summary>
    public double[][] StepRewards(IReadOnlyList<Trajectory> trajectories)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var turns = trajectories.SelectMany(t => t.Turns).ToList();
        var logProbs = ActionLogProbs(turns);
        var next = 0;
        return trajectories.Select(t => t.Turns.Select(turn => _options.Beta * (logProbs[next++] - turn.ActionLogProbs.Sum(p => (double)p))).ToArray()).ToArray();
    }

    /// <summary>A trajectory's score: the mean of its step rewards (0 for one without turns).</summary>
    public static double Score(IReadOnlyList<double> stepRewards) => stepRewards.Count == 0 ? 0 : stepRewards.Average();

    /// <summary>
    /// <see cref="OprlOptions.StepsPerUpdate"/> steps on the pairwise loss over every (success, failure) pair within each
    /// group; none when no group has a pair. Reports the loss and accuracy measured before the first step.
    /// </summary>
    public ProcessRewardUpdate Update(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var pairs = groups.SelectMany(g => TrajectoryPairs.SuccessFailure(g).Select(p => (Success: g[p.Success], Failure: g[p.Failure]))).ToList();
        if (pairs.Count == 0)
        {
            return new ProcessRewardUpdate(0, 0, 0);
        }

        var paired = pairs.SelectMany(p => new[] { p.Success, p.Failure }).Distinct(ReferenceEqualityComparer.Instance).Cast<Trajectory>().ToList();
        var index = new Dictionary<Trajectory, int>(ReferenceEqualityComparer.Instance);
        foreach (var trajectory in paired)
        {
            index[trajectory] = index.Count;
        }

        var indexed = pairs.Select(p => (index[p.Success], index[p.Failure])).ToList();
        var first = Step(paired, indexed);
        for (var step = 1; step < _options.StepsPerUpdate; step++)
        {
            Step(paired, indexed);
        }

        return first;
    }

    private ProcessRewardUpdate Step(List<Trajectory> paired, List<(int Success, int Failure)> pairs)
    {
        var scores = StepRewards(paired).Select(Score).ToArray();

        // The loss is a function of the scores alone, and each score is linear in the turns' log π_φ, so one backward
        // pass over Σ_turns c_turn·log π_φ(a|s), with c = ∂loss/∂score · β / turns, gives the exact gradient in
        // mini-batches of any size.
        var scoreGradient = new double[paired.Count];
        var (loss, correct) = (0.0, 0.0);
        foreach (var (s, f) in pairs)
        {
            var margin = scores[s] - scores[f];
            loss += Softplus(-margin);
            correct += margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
            var slope = -Sigmoid(-margin) / pairs.Count;
            scoreGradient[s] += slope;
            scoreGradient[f] -= slope;
        }

        var items = paired.SelectMany((t, i) => t.Turns.Select(turn => (Turn: turn, Coefficient: scoreGradient[i] * _options.Beta / t.Turns.Count)))
            .Where(x => x.Turn.ActionTokens.Length > 0)
            .ToList();
        _model.Train();
        _optimizer.ZeroGrad();
        foreach (var batch in PolicyTrainer.MiniBatches(items.Select(x => x.Turn.ContextTokens.Length + x.Turn.ActionTokens.Length).ToList(), _options.TokenBudget))
        {
            using var scope = DisposeScope.Begin();
            var (logProbs, _, mask) = TeacherForcing.LogProbTensor(_model, batch.Select(i => items[i].Turn.ContextTokens).ToList(), batch.Select(i => items[i].Turn.ActionTokens).ToList(), _options.Temperature, _paddingToken);
            var perTurn = (logProbs * mask).Sum([1], keepDim: false);
            var coefficients = Tensor.FromArray(batch.Select(i => (float)items[i].Coefficient).ToArray(), _model.Device, batch.Length);
            (perTurn * coefficients).Sum().Backward();
        }

        Gradients.ClipNorm(_model.Parameters(), _options.ClipNorm);
        _optimizer.Step();
        _model.Eval();
        Steps++;
        return new ProcessRewardUpdate(pairs.Count, loss / pairs.Count, correct / pairs.Count);
    }

    /// <summary>log π_φ of each turn's whole action (the sum over its tokens; 0 for a turn that wrote none).</summary>
    private double[] ActionLogProbs(List<Turn> turns) =>
        TurnScoring.Score(turns, _options.TokenBudget, (contexts, actions) =>
            TeacherForcing.Score(_model, contexts, actions, _options.Temperature, _paddingToken).Select(s => s.LogProbs.Sum(p => (double)p)).ToArray());

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>log(1 + eˣ) without overflow.</summary>
    private static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
