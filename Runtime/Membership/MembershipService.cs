using System.Net;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// Runs this silo's <see cref="MembershipAgent"/> for the silo host: joins once the gateway listens (silos probe and call
/// each other there), then heartbeats, rereads the table, probes and cleans up on their own intervals, and passes every
/// new view to the silo's cluster link. A graceful stop first marks the silo shutting down (peers stop placing grains
/// here while its activations hand off), then leaves. Disposed without a stop (a crash), it just stops: the others
/// find out by probing. Declared dead, it stops the host.
/// </summary>
internal sealed partial class MembershipService(
    MembershipAgent agent,
    GrainCallRouter router,
    IOptions<MembershipOptions> membershipOptions,
    IOptions<SiloOptions> siloOptions,
    IOptions<GatewayOptions> gatewayOptions,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipService> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(IPEndPoint? gatewayEndPoint, CancellationToken cancellationToken)
    {
        var endPoint = gatewayEndPoint
            ?? throw new InvalidOperationException("Clustering needs the silo's gateway (AgentRL:Gateway:Enabled): silos probe and call each other through it.");
        var options = membershipOptions.Value;
        var address = options.AdvertisedAddress.Length > 0 ? IPAddress.Parse(options.AdvertisedAddress)
            : endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endPoint.Address;
        var self = SiloAddress.New(new IPEndPoint(address, endPoint.Port), time);
        var now = time.GetUtcNow();
        var cluster = router.Cluster!;
        agent.DeclaredDead += OnDeclaredDead;
        agent.ViewChanged += cluster.OnViewChanged;
        await agent.JoinAsync(new MembershipEntry(self, siloOptions.Value.SiloName, SiloStatus.Joining, siloOptions.Value.Roles,
            gatewayOptions.Value.Enabled ? endPoint.Port : 0, now, now, []), cancellationToken);
        cluster.OnJoined(agent.Self, agent.View);
        cluster.RefreshMembership = agent.RefreshAsync;
        var stopping = _stopping.Token;
        _loops = Task.WhenAll(
            EveryAsync(options.IAmAliveInterval, agent.HeartbeatAsync, "heartbeat", stopping),
            EveryAsync(options.TableRefreshInterval, agent.RefreshAsync, "table refresh", stopping),
            EveryAsync(options.ProbeInterval, agent.ProbeAsync, "probe", stopping),
            EveryAsync(options.DefunctRowAge / 10, agent.CleanupAsync, "cleanup", stopping));
    }

    /// <summary>Marks this silo shutting down in the table: peers stop placing grains here (best effort).</summary>
    public async Task BeginLeavingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await agent.BeginShutdownAsync(cancellationToken);
            await agent.RefreshAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(logger, error, "shutdown notice");
        }
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
