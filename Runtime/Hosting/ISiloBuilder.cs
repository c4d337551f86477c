using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Hosting;

/// <summary>Configures a silo inside <c>UseAgentSilo</c>: services, storage providers, gateway, grain assemblies.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}
