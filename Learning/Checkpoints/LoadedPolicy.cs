using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Checkpoints;

/// <summary>A policy loaded from a <see cref="PolicyPackage"/>; disposing it frees the model.</summary>
public sealed record LoadedPolicy(PolicyModel Model, ContextPolicy Context, int Version) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
