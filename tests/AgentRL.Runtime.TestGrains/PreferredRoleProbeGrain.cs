using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.TestGrains;

/// <summary>Prefers a silo with the "gpu" role, and runs anywhere when there is none.</summary>
public interface IPreferredRoleProbeGrain : IGrainWithStringKey
{
    Task<string> Silo();
}

[SiloRolePlacement("gpu", FallBackToAnySilo = true)]
public sealed class PreferredRoleProbeGrain(IOptions<SiloOptions> silo) : Grain, IPreferredRoleProbeGrain
{
    public Task<string> Silo() => Task.FromResult(silo.Value.SiloName);
}
