using AgentRL.Runtime;
using AgentRL.Runtime.Activation;
using AgentRL.Runtime.Core;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Networking;
using AgentRL.Runtime.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary><c>UseAgentSilo</c> and <c>UseAgentClient</c> for the generic host, as Orleans' <c>UseOrleans</c>.</summary>
public static class AgentHostingExtensions
{
    /// <summary>
    /// Runs a silo in this host. Grains and the host share one DI container, so <see cref="IGrainFactory"/> resolved
    /// from it calls grains in-process (the embedded client). Options bind from the "AgentRL" configuration section.
    /// </summary>
    public static IHostApplicationBuilder UseAgentSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(ClusterClient)))
        {
            throw new InvalidOperationException("A host runs either a silo (UseAgentSilo) or a remote client (UseAgentClient), not both.");
        }

        if (!services.Any(s => s.ServiceType == typeof(SiloHost)))
        {
            AddCommonServices(builder);
            services.AddOptions<GrainCollectionOptions>().BindConfiguration(GrainCollectionOptions.Section).ValidateOnStart();
            services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
            services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateOnStart();
            services.AddOptions<GrainAssemblyOptions>();
            services.AddSingleton<Catalog>();
            services.AddSingleton(sp => new CallTimeouts(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<MessagingOptions>>().Value.TimeoutSweepPeriod));
            services.AddSingleton<LocalGrainCallInvoker>();
            services.AddSingleton<GrainCallRouter>();
            services.AddSingleton(sp => sp.GetRequiredService<GrainCallRouter>().Factory);
            services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
            services.AddSingleton<IGrainReferenceFactory>(sp => sp.GetRequiredService<GrainFactory>());
            services.AddSingleton<GrainAssemblies>();
            services.AddSingleton<GatewayConnectionHandler>();
            services.AddSingleton<GatewayListener>();
            services.AddSingleton<ActivationCollector>();
            services.AddSingleton<SiloHost>();
            services.AddSingleton<ISiloStatus>(sp => sp.GetRequiredService<SiloHost>());
            services.AddHostedService(sp => sp.GetRequiredService<SiloHost>());
        }

        configure?.Invoke(new AgentBuilder(services, builder.Configuration));
        return builder;
    }

    /// <summary>
    /// Connects this host to a silo's gateway; resolve <see cref="IClusterClient"/> (or <see cref="IGrainFactory"/>)
    /// to call grains. Gateways come from <paramref name="configure"/> or "AgentRL:Client:Gateways".
    /// </summary>
    public static IHostApplicationBuilder UseAgentClient(this IHostApplicationBuilder builder, Action<ClientOptions>? configure = null)
    {
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(SiloHost)))
        {
            throw new InvalidOperationException("A host runs either a silo (UseAgentSilo) or a remote client (UseAgentClient), not both.");
        }

        AddCommonServices(builder);
        var options = services.AddOptions<ClientOptions>().BindConfiguration(ClientOptions.Section).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService<ClientConnectService>();
        return builder;
    }

    private static void AddCommonServices(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, OptionsValidators>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, OptionsValidators>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, OptionsValidators>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, OptionsValidators>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientOptions>, OptionsValidators>());
    }
}
