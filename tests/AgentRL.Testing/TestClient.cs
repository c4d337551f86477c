using AgentRL.Runtime;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRL.Testing;

/// <summary>A remote client of a <see cref="TestSilo"/> or a <see cref="TestCluster"/>.</summary>
public sealed class TestClient(IHost host) : IAsyncDisposable
{
    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a client that connects to the first of <paramref name="gateways"/> that answers.</summary>
    public static async Task<TestClient> ConnectAsync(IReadOnlyList<string> gateways, Action<MessagingOptions>? messaging = null, TimeSpan? connectTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseAgentClient(o =>
        {
            o.Gateways = [.. gateways];
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

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
