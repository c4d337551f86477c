using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Hosting;

internal sealed class AgentBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder, IClientBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
