using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.TestGrains;

public interface IPreferLocalProbeGrain : IGrainWithStringKey
{
    Task<string> Silo();
}

[PreferLocalPlacement]
public sealed class PreferLocalProbeGrain(IOptions<SiloOptions> silo) : Grain, IPreferLocalProbeGrain
{
    public Task<string> Silo() => Task.FromResult(silo.Value.SiloName);
}
