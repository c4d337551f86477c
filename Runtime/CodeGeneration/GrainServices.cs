using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime.CodeGeneration;

/// <summary>Resolves grain constructor parameters for generated factories.</summary>
public static class GrainServices
{
    public static TService Get<TService>(IServiceProvider services) where TService : notnull =>
        services.GetService<TService>() ?? throw new InvalidOperationException(
            $"A grain constructor needs {typeof(TService).FullName}, which is not registered in the silo's services.");

    public static TService? GetOptional<TService>(IServiceProvider services) => services.GetService<TService>();
}
