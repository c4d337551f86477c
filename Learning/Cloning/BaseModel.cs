using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Cloning;

/// <summary>
/// A behaviour-cloned base model: its context policy (and tokenizer), weights and how its training went. The longest
/// demonstrated action (in tokens, end-of-action included) bounds how many tokens the policy needs to write.
/// </summary>
public sealed record BaseModel(ContextPolicy Context, PolicyModel Model, int DemonstrationTurns, int LongestAction, IReadOnlyList<double> Losses) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
