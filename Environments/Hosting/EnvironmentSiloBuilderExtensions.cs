using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Search;
using AgentRL.Environments.Shop;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentRL.Environments.Hosting;

/// <summary>Registering environments with a silo: built-ins, your own types, or a plug-in folder.</summary>
public static class EnvironmentSiloBuilderExtensions
{
    /// <summary>Registers <typeparamref name="TEnvironment"/> under <paramref name="name"/> (a new instance per environment grain).</summary>
    public static ISiloBuilder AddEnvironment<TEnvironment>(this ISiloBuilder builder, string name) where TEnvironment : IEnvironment, new() =>
        builder.AddEnvironment(name, _ => new TEnvironment());

    /// <summary>Registers a factory under <paramref name="name"/>; it may resolve services (shared catalogues, say).</summary>
    public static ISiloBuilder AddEnvironment(this ISiloBuilder builder, string name, Func<IServiceProvider, IEnvironment> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("Environment names cannot contain '/': it separates the name from the instance in grain keys.", nameof(name));
        }

        AddCore(builder);
        builder.Services.AddSingleton(new EnvironmentRegistration(name, create, $"AddEnvironment(\"{name}\")"));
        return builder;
    }

    /// <summary>
    /// The platform's own environments: gridworld, gridworld-rooms, gridworld-hard, shop, shop-numbered (results clicked
    /// by position), shop-large, search and search-small.
    /// Catalogues and knowledge bases are built on first use and shared by all instances in the process.
    /// </summary>
    public static ISiloBuilder AddBuiltInEnvironments(this ISiloBuilder builder) => builder
        .AddEnvironment("gridworld", _ => new GridworldEnvironment(GridworldOptions.Default))
        .AddEnvironment("gridworld-rooms", _ => new GridworldEnvironment(GridworldOptions.Rooms))
        .AddEnvironment("gridworld-hard", _ => new GridworldEnvironment(GridworldOptions.Hard))
        .AddEnvironment("shop", _ => new ShopEnvironment(ShopOptions.Small))
        .AddEnvironment("shop-numbered", _ => new ShopEnvironment(ShopOptions.Numbered))
        .AddEnvironment("shop-large", _ => new ShopEnvironment(ShopOptions.Large))
        .AddEnvironment("search", _ => new SearchEnvironment(SearchOptions.Default))
        .AddEnvironment("search-small", _ => new SearchEnvironment(SearchOptions.Small));

    /// <summary>Loads plug-in environments from <paramref name="folder"/> (or "AgentRL:Environments:PluginFolder").</summary>
    public static ISiloBuilder AddEnvironmentPlugins(this ISiloBuilder builder, string? folder = null)
    {
        AddCore(builder);
        if (folder is not null)
        {
            builder.Services.Configure<EnvironmentPluginOptions>(o => o.PluginFolder = folder);
        }

        return builder;
    }

    private static void AddCore(ISiloBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(EnvironmentRegistry)))
        {
            return;
        }

        builder.Services.AddOptions<EnvironmentPluginOptions>().Bind(builder.Configuration.GetSection(EnvironmentPluginOptions.Section));
        builder.Services.TryAddSingleton<EnvironmentRegistry>();
        builder.Services.AddHostedService<EnvironmentRegistryWarmup>();
        builder.AddGrainAssembly(typeof(EnvironmentRegistry).Assembly);
    }
}
