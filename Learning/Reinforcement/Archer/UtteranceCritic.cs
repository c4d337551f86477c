using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Reinforcement.Archer;

/// <summary>
/// ArCHer's utterance-level critic: a transformer encoder over tokens (the policy's architecture, separate weights)
/// whose final hidden state at the last token feeds two Q heads when it read a state and an action, and two V heads when
/// it read a state alone. Sequences are left-padded, so the last position is always a real token.
/// </summary>
public sealed class UtteranceCritic : PolicyEncoderCritic
{
    private readonly Linear _q1;
    private readonly Linear _q2;
    private readonly Linear _v1;
    private readonly Linear _v2;

    public UtteranceCritic(PolicyConfig config)
        : base(config)
    {
        _q1 = RegisterModule("q1", new Linear(config.Dimension, 1));
        _q2 = RegisterModule("q2", new Linear(config.Dimension, 1));
        _v1 = RegisterModule("v1", new Linear(config.Dimension, 1));
        _v2 = RegisterModule("v2", new Linear(config.Dimension, 1));
    }

    /// <summary>A critic whose encoder starts from <paramref name="policy"/>'s weights, so it reads observations from the first step.</summary>
    public static UtteranceCritic FromPolicy(PolicyModel policy) => FromPolicy(policy, config => new UtteranceCritic(config));

    /// <summary>Q1(s, a) and Q2(s, a), each [B].</summary>
    public (Tensor Q1, Tensor Q2) Q(IReadOnlyList<int[]> states, IReadOnlyList<int[]> actions, int paddingToken)
    {
        if (states.Count != actions.Count)
        {
            throw new ArgumentException("Each state needs its action.");
        }

        using var scope = DisposeScope.Begin();
        var hidden = Encode(states.Zip(actions, (s, a) => s.Concat(a).ToArray()).ToList(), paddingToken);
        return (_q1.Forward(hidden).Squeeze(1).MoveToOuterScope(), _q2.Forward(hidden).Squeeze(1).MoveToOuterScope());
    }

    /// <summary>V1(s) and V2(s), each [B].</summary>
    public (Tensor V1, Tensor V2) V(IReadOnlyList<int[]> states, int paddingToken)
    {
        using var scope = DisposeScope.Begin();
        var hidden = Encode(states, paddingToken);
        return (_v1.Forward(hidden).Squeeze(1).MoveToOuterScope(), _v2.Forward(hidden).Squeeze(1).MoveToOuterScope());
    }

    /// <summary>Moves every weight a fraction τ of the way to <paramref name="online"/>'s (the target critic's update).</summary>
    public void MoveTowards(UtteranceCritic online, double tau)
    {
        using var noGrad = new NoGrad();
        foreach (var ((_, target), (_, source)) in NamedParameters().Zip(online.NamedParameters()))
        {
            using var scope = DisposeScope.Begin();
            target.CopyFrom(target * (1 - tau) + source * tau);
        }
    }
}
