using AgentRL.Environments.Hosting;
using AgentRL.Runtime;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRL.Client;

/// <summary>
/// The front door for applications and the <c>agentrl</c> tool: either an embedded silo in this process (the default,
/// with SQLite storage) or a connection to a running cluster. Either way, <see cref="Grains"/> calls grains.
/// </summary>
public sealed class AgentClient : IAsyncDisposable
{
    private readonly IHost _host;

    private AgentClient(IHost host, string description)
    {
        _host = host;
        Description = description;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where the grains run, for display.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts an in-process silo with SQLite storage under <see cref="EmbeddedSiloOptions.DataDirectory"/> and the
    /// built-in environments (plus plug-ins, if a folder is given).
    /// </summary>
    public static async Task<AgentClient> StartEmbeddedAsync(EmbeddedSiloOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddedSiloOptions();
        var database = Path.Combine(options.DataDirectory, "agentrl.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseAgentSilo(silo =>
        {
            silo.AddSqliteGrainStorage(configure: o => o.DatabasePath = database);
            silo.AddBuiltInEnvironments().AddEnvironmentPlugins(options.EnvironmentPluginFolder);
            silo.ConfigureGateway(g =>
            {
                g.Enabled = options.GatewayPort is not null;
                g.Port = options.GatewayPort ?? 0;
            });
            foreach (var assembly in options.GrainAssemblies)
            {
                silo.AddGrainAssembly(assembly);
            }
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var gateway = options.GatewayPort is null ? "" : $", gateway on {host.Services.GetRequiredService<ISiloStatus>().GatewayEndPoint}";
        return new AgentClient(host, $"embedded silo (SQLite at {Path.GetFullPath(database)}{gateway})");
    }

    /// <summary>Connects to a cluster through the first reachable gateway ("host:port").</summary>
    public static async Task<AgentClient> ConnectAsync(IReadOnlyList<string> gateways, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseAgentClient(o => o.Gateways = [.. gateways]);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new AgentClient(host, $"cluster via {string.Join(", ", gateways)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
