using Microsoft.Extensions.Hosting;

namespace AgentRL.Environments.Hosting;

/// <summary>Builds the registry when the silo starts, so plug-in problems are reported then rather than on first use.</summary>
internal sealed class EnvironmentRegistryWarmup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(EnvironmentRegistry));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
