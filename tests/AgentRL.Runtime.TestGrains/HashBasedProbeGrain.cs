using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.TestGrains;

public interface IHashBasedProbeGrain : IGrainWithStringKey
{
    Task<string> Silo();
}

[HashBasedPlacement]
public sealed class HashBasedProbeGrain(IOptions<SiloOptions> silo) : Grain, IHashBasedProbeGrain
{
    public Task<string> Silo() => Task.FromResult(silo.Value.SiloName);
}
