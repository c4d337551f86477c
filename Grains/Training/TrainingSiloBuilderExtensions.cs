using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Grains.Training;

public static class TrainingSiloBuilderExtensions
{
    /// <summary>
    /// Makes a silo able to host training runs: where runs keep their files ("AgentRL:Training") and how policy replicas
    /// batch ("AgentRL:Policy"), bound from configuration; <paramref name="configure"/> applies on top.
    /// </summary>
    public static ISiloBuilder AddTraining(this ISiloBuilder builder, Action<TrainingOptions>? configure = null)
    {
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section);
        builder.Services.AddOptions<PolicyReplicaOptions>().BindConfiguration(PolicyReplicaOptions.Section);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        return builder;
    }
}
