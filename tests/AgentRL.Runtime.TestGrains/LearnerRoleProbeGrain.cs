using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.TestGrains;

/// <summary>Must run on a silo with the "learner" role.</summary>
public interface ILearnerRoleProbeGrain : IGrainWithStringKey
{
    Task<string> Silo();
}

[SiloRolePlacement("learner")]
public sealed class LearnerRoleProbeGrain(IOptions<SiloOptions> silo) : Grain, ILearnerRoleProbeGrain
{
    public Task<string> Silo() => Task.FromResult(silo.Value.SiloName);
}
