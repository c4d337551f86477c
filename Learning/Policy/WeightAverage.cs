using AgentRL.Torch;

namespace AgentRL.Learning.Policy;

/// <summary>
/// An exponential moving average of a policy's weights (Polyak averaging), kept in a model of its own while training
/// goes on with the live weights. A policy trained with noisy updates wanders around a region; the average follows its
/// middle, which can evaluate better than the last weights (on the gridworld bench it did not: README, Benchmarks).
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly PolicyModel _source;
    private readonly double _decay;

    /// <summary>Starts the average at <paramref name="source"/>'s current weights; each <see cref="Update"/> keeps <paramref name="decay"/> of it.</summary>
    public WeightAverage(PolicyModel source, double decay)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (decay is < 0 or >= 1 || double.IsNaN(decay))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The decay must be in [0, 1): the share of the average each update keeps.");
        }

        (_source, _decay) = (source, decay);
        Model = new PolicyModel(source.Config);
        Model.To(source.Device);
        Model.LoadStateDict(source.StateDict());
        Model.Eval();
    }

    /// <summary>The averaged weights, as a model that samples and scores like any other.</summary>
    public PolicyModel Model { get; }

    /// <summary>average ← decay · average + (1 − decay) · source, for every parameter.</summary>
    public void Update()
    {
        using var noGrad = new NoGrad();
        using var scope = DisposeScope.Begin();
        var live = _source.StateDict();
        foreach (var (name, averaged) in Model.StateDict())
        {
            averaged.CopyFrom(averaged * _decay + live[name] * (1 - _decay));
        }
    }

    public void Dispose() => Model.Dispose();
}
