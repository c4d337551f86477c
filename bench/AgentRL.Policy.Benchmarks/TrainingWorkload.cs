using System.Diagnostics;
using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Optim;
using AgentRL.Torch.Serialization;

namespace AgentRL.Policy.Benchmarks;

/// <summary>
/// One training step as behaviour cloning takes it: teacher-forced log-probabilities of each sequence after its first
/// token (<see cref="TeacherForcing.LogProbTensor"/>), loss = mean negative log-probability, backward, AdamW. Works on
/// its own copy of the policy, loaded from the shared weights file, so generation keeps the untrained weights.
/// </summary>
internal sealed class TrainingWorkload : IDisposable
{
    private readonly PolicyModel _model;
    private readonly AdamW _optimizer;
    private readonly List<int[]> _contexts;
    private readonly List<int[]> _continuations;

    public TrainingWorkload(PolicyConfig config, string weightsPath, IReadOnlyList<int[]> sequences, double learningRate, double weightDecay)
    {
        _model = new PolicyModel(config);
        var weights = SafeTensors.Load(weightsPath);
        try
        {
            _model.LoadStateDict(weights);
        }
        finally
        {
            foreach (var tensor in weights.Values)
            {
                tensor.Dispose();
            }
        }

        _model.Train();
        _optimizer = new AdamW(_model.Parameters(), learningRate, weightDecay: weightDecay);
        _contexts = sequences.Select(s => s[..1]).ToList();
        _continuations = sequences.Select(s => s[1..]).ToList();
    }

    /// <summary>Tokens one step processes (every position of every sequence).</summary>
    public int TokensPerStep => _contexts.Count + _continuations.Sum(c => c.Length);

    /// <summary>One step; returns its loss (before the update).</summary>
    public double Step()
    {
        using var scope = DisposeScope.Begin();
        _optimizer.ZeroGrad();
        var (logProbs, _, mask) = TeacherForcing.LogProbTensor(_model, _contexts, _continuations, temperature: 1.0, paddingToken: 0);
        var loss = -logProbs.Sum() / mask.Sum();
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    public double MillisecondsPerStep(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            Step();
        }

        return clock.Elapsed.TotalMilliseconds / steps;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
