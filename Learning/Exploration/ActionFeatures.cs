using AgentRL.Learning.Policy;
using AgentRL.Torch;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// φ(s, a): the final hidden states of a frozen model (a copy of the base model: features must not drift as the policy
/// trains) averaged over the action's tokens, read with the state's context before them, then randomly projected to
/// <see cref="Dimension"/>. Nothing here trains.
/// </summary>
public sealed class ActionFeatures
{
    private const int BatchSize = 64;
    private readonly PolicyModel _model;
    private readonly RandomProjection _projection;
    private readonly int _paddingToken;

    public ActionFeatures(PolicyModel frozenModel, int dimension, int paddingToken, ulong seed = 17)
    {
        ArgumentNullException.ThrowIfNull(frozenModel);
        _model = frozenModel;
        _paddingToken = paddingToken;
        _projection = new RandomProjection(frozenModel.Config.Dimension, dimension, seed);
    }

    public int Dimension => _projection.OutputDimension;

    /// <summary>One feature per (context, action) pair; every action needs at least one token.</summary>
    public IReadOnlyList<double[]> Compute(IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> actions)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(actions);
        if (contexts.Count != actions.Count || actions.Any(a => a.Length == 0))
        {
            throw new ArgumentException("Each context needs its action, and an action at least one token.");
        }

        var features = new List<double[]>(contexts.Count);
        for (var start = 0; start < contexts.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, contexts.Count - start);
            features.AddRange(Pooled(contexts.Skip(start).Take(count).ToList(), actions.Skip(start).Take(count).ToList()).Select(p => _projection.Project(p)));
        }

        return features;
    }

    private List<float[]> Pooled(IReadOnlyList<int[]> contexts, IReadOnlyList<int[]> actions)
    {
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        var sequences = contexts.Zip(actions, (c, a) => c.Concat(a).ToArray()).ToList();
        var (tokens, padding, length) = LeftPaddedBatch.Build(sequences, _paddingToken);
        var hidden = _model.HiddenStates(Tensor.FromArray(tokens, _model.Device, sequences.Count, length), Tensor.FromArray(padding, _model.Device, sequences.Count, length)).ToArray<float>();
        var width = _model.Config.Dimension;
        var pooled = new List<float[]>(sequences.Count);
        for (var b = 0; b < sequences.Count; b++)
        {
            // Left-padded: the action is the last |a| positions of its row.
            var mean = new float[width];
            var actionLength = actions[b].Length;
            for (var position = length - actionLength; position < length; position++)
            {
                var row = hidden.AsSpan(((b * length) + position) * width, width);
                for (var i = 0; i < width; i++)
                {
                    mean[i] += row[i] / actionLength;
                }
            }

            pooled.Add(mean);
        }

        return pooled;
    }
}
