using System.Net;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.TestGrains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Tests;

/// <summary>An in-process silo on a free loopback port, hosting the test grains.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IPEndPoint GatewayEndPoint => Services.GetRequiredService<ISiloStatus>().GatewayEndPoint!;

    public string Gateway => $"127.0.0.1:{GatewayEndPoint.Port}";

    /// <summary>Starts a silo with "Default" storage: SQLite at <paramref name="sqlitePath"/>, else memory (unless <paramref name="storage"/> is false).</summary>
    public static async Task<TestSilo> StartAsync(
        string? sqlitePath = null,
        Action<ISiloBuilder>? configure = null,
        IDictionary<string, string?>? settings = null,
        bool storage = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseAgentSilo(silo =>
        {
            silo.AddGrainAssembly(typeof(CounterGrain).Assembly);
            silo.ConfigureGateway(g => g.Port = 0);
            if (sqlitePath is not null)
            {
                silo.AddSqliteGrainStorage(configure: o => o.DatabasePath = sqlitePath);
            }
            else if (storage)
            {
                silo.AddMemoryGrainStorage();
            }

            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    /// <summary>Starts a remote client connected to this silo's gateway.</summary>
    public async Task<TestClient> ConnectClientAsync(Action<MessagingOptions>? messaging = null, TimeSpan? connectTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseAgentClient(o =>
        {
            o.Gateways = [Gateway];
            o.ConnectTimeout = connectTimeout ?? o.ConnectTimeout;
        });
        if (messaging is not null)
        {
            builder.Services.Configure(messaging);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new TestClient(host);
    }

    /// <summary>Graceful stop: running turns finish and every activation runs OnDeactivateAsync.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

public sealed class TestClient(IHost host) : IAsyncDisposable
{
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
