using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Policy;

/// <summary>
/// The base of critics that read tokens with an encoder of the policy's architecture (separate weights): it registers
/// the encoder, encodes sequences as the hidden state at their last token, and starts a critic from the policy's
/// weights so it reads observations from its first step.
/// </summary>
public abstract class PolicyEncoderCritic : Module
{
    private readonly PolicyModel _encoder;

    protected PolicyEncoderCritic(PolicyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _encoder = RegisterModule("encoder", new PolicyModel(config));
    }

    /// <summary>A critic made by <paramref name="create"/> whose encoder holds <paramref name="policy"/>'s weights.</summary>
    protected static T FromPolicy<T>(PolicyModel policy, Func<PolicyConfig, T> create)
        where T : PolicyEncoderCritic
    {
        ArgumentNullException.ThrowIfNull(policy);
        var critic = create(policy.Config);
        try
        {
            critic.To(policy.Device);
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

    /// <summary>The final hidden state [B, D] at each sequence's last token.</summary>
    protected Tensor Encode(IReadOnlyList<int[]> sequences, int paddingToken) => _encoder.LastHiddenStates(sequences, paddingToken);
}
