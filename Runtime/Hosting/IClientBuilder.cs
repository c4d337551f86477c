using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.Hosting;

/// <summary>Configures a remote client inside <c>UseAgentClient</c>.</summary>
public interface IClientBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}
