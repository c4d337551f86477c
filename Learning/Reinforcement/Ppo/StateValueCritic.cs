using AgentRL.Learning.Policy;
using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Reinforcement.Ppo;

/// <summary>
/// PPO's value model: an encoder of the policy's architecture (separate weights, initialised from the policy so it reads
/// observations from the start) and one linear head on the hidden state at a turn context's last token.
/// </summary>
public sealed class StateValueCritic : Module
{
    private readonly PolicyModel _encoder;
    private readonly Linear _head;

    public StateValueCritic(PolicyConfig config)
    {
        _encoder = RegisterModule("encoder", new PolicyModel(config));
        _head = RegisterModule("value", new Linear(config.Dimension, 1));
    }

    public static StateValueCritic FromPolicy(PolicyModel policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var critic = new StateValueCritic(policy.Config);
        try
        {
            using (new NoGrad())
            {
                critic._encoder.LoadStateDict(policy.StateDict());
            }

            return critic;
        }
        catch
        {
            critic.Dispose();
            throw;
        }
    }

    /// <summary>V(s) for each state (a turn's context tokens), [B].</summary>
    public Tensor Values(IReadOnlyList<int[]> states, int paddingToken)
    {
        using var scope = DisposeScope.Begin();
        return _head.Forward(_encoder.LastHiddenStates(states, paddingToken)).Squeeze(1).MoveToOuterScope();
    }
}
