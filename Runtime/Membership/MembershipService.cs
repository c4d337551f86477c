using System.Net;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// Runs this silo's <see cref="MembershipAgent"/> with the host: joins once the gateway listens (silos probe each other
/// there), then heartbeats, rereads the table, probes and cleans up on their own intervals; leaves on a graceful stop.
/// Disposed without a stop (a crash), it just stops: the others find out by probing. Declared dead, it stops the host.
/// </summary>
internal sealed partial class MembershipService(
    MembershipAgent agent,
    ISiloStatus silo,
    IOptions<MembershipOptions> membershipOptions,
    IOptions<SiloOptions> siloOptions,
    IOptions<GatewayOptions> gatewayOptions,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endPoint = silo.GatewayEndPoint
            ?? throw new InvalidOperationException("Clustering needs the silo's gateway: silos probe and call each other through it.");
        var options = membershipOptions.Value;
        var address = options.AdvertisedAddress.Length > 0 ? IPAddress.Parse(options.AdvertisedAddress)
            : endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endPoint.Address;
        var self = SiloAddress.New(new IPEndPoint(address, endPoint.Port), time);
        var now = time.GetUtcNow();
        agent.DeclaredDead += OnDeclaredDead;
        await agent.JoinAsync(new MembershipEntry(self, siloOptions.Value.SiloName, SiloStatus.Joining, siloOptions.Value.Roles,
            gatewayOptions.Value.Enabled ? endPoint.Port : 0, now, now, []), cancellationToken);
        var stopping = _stopping.Token;
        _loops = Task.WhenAll(
            EveryAsync(options.IAmAliveInterval, agent.HeartbeatAsync, "heartbeat", stopping),
            EveryAsync(options.TableRefreshInterval, agent.RefreshAsync, "table refresh", stopping),
            EveryAsync(options.ProbeInterval, agent.ProbeAsync, "probe", stopping),
            EveryAsync(options.DefunctRowAge / 10, agent.CleanupAsync, "cleanup", stopping));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopLoopsAsync();
        if (!agent.IsDead)
        {
            await agent.LeaveAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopsAsync();
        _stopping.Dispose();
    }

    private async Task StopLoopsAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _loops;
    }

    private void OnDeclaredDead()
    {
        _stopping.Cancel();
        lifetime.StopApplication();
    }

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> step, string what, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stopping);
                await step(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The table may be briefly unreachable; the next round tries again.
                LogStepFailed(logger, error, what);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership {Step} failed")]
    private static partial void LogStepFailed(ILogger logger, Exception error, string step);
}
