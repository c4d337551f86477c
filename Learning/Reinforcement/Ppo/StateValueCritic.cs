using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Reinforcement.Ppo;

/// <summary>
/// PPO's value model: an encoder of the policy's architecture (separate weights, initialised from the policy so it reads
/// observations from the start) and one linear head on the hidden state at a turn context's last token.
/// </summary>
public sealed class StateValueCritic : PolicyEncoderCritic
{
    private readonly Linear _head;

    public StateValueCritic(PolicyConfig config)
        : base(config)
    {
        _head = RegisterModule("value", new Linear(config.Dimension, 1));
    }

    public static StateValueCritic FromPolicy(PolicyModel policy) => FromPolicy(policy, config => new StateValueCritic(config));

    /// <summary>V(s) for each state (a turn's context tokens), [B].</summary>
    public Tensor Values(IReadOnlyList<int[]> states, int paddingToken)
    {
        using var scope = DisposeScope.Begin();
        return _head.Forward(Encode(states, paddingToken)).Squeeze(1).MoveToOuterScope();
    }
}
