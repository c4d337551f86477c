using System.Net;
using System.Reflection;
using AgentRL.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>Silo configuration in the Orleans style.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>A single silo on this machine: the gateway listens on loopback at <paramref name="gatewayPort"/>.</summary>
    public static ISiloBuilder UseLocalhostClustering(this ISiloBuilder builder, int gatewayPort = 30000)
    {
        builder.Services.Configure<GatewayOptions>(o =>
        {
            o.ListenAddress = IPAddress.Loopback.ToString();
            o.Port = gatewayPort;
        });
        return builder;
    }

    public static ISiloBuilder ConfigureGateway(this ISiloBuilder builder, Action<GatewayOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure) where TOptions : class
    {
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Hosts the grains of <paramref name="assembly"/> (and of what it references).</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        builder.Services.Configure<GrainAssemblyOptions>(o => o.Assemblies.Add(assembly));
        return builder;
    }

    /// <summary>Grain storage in process memory (lost when the silo stops).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = PersistentStateAttribute.DefaultStorage)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new MemoryGrainStorage());
        return builder;
    }

    /// <summary>Grain storage in a SQLite file (the embedded default), bound from "AgentRL:Storage:{name}".</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name = PersistentStateAttribute.DefaultStorage, Action<SqliteGrainStorageOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Bind(builder.Configuration.GetSection($"AgentRL:Storage:{name}"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
            new SqliteGrainStorage(sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get((string)key!)));
        return builder;
    }

    /// <summary>Grain storage in PostgreSQL (silos on several hosts), bound from "AgentRL:Storage:{name}".</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name = PersistentStateAttribute.DefaultStorage, Action<PostgresGrainStorageOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<PostgresGrainStorageOptions>(name).Bind(builder.Configuration.GetSection($"AgentRL:Storage:{name}"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
            new PostgresGrainStorage(sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get((string)key!)));
        return builder;
    }

    /// <summary>Registers a custom storage provider under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        builder.Services.TryAddKeyedSingleton(name, (sp, _) => factory(sp));
        return builder;
    }
}
