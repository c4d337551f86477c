using System.Net;
using AgentRL.Runtime;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRL.Testing;

/// <summary>
/// An in-process silo for tests: a free loopback gateway port, quiet logging, and "Default" storage (memory, or SQLite
/// when a path is given). Grains come from the loaded assemblies plus any added in <c>configure</c>.
/// </summary>
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
    public Task<TestClient> ConnectClientAsync(Action<MessagingOptions>? messaging = null, TimeSpan? connectTimeout = null) =>
        TestClient.ConnectAsync([Gateway], messaging, connectTimeout);

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

    /// <summary>
    /// Ungraceful stop, like a crash: no turn finishes, no activation deactivates, the silo does not leave its cluster;
    /// only what disposing frees (its listening port, its connections, its background loops) goes away.
    /// </summary>
    public async Task KillAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
