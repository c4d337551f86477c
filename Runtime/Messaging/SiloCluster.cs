using System.Threading.Channels;
using AgentRL.Runtime.Activation;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.GrainDirectory;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Networking;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Messaging;

/// <summary>
/// A clustered silo's link to the others: its grain directory, its connections to other silos, and the membership view
/// both follow. Views are applied one at a time, in order, off the membership loop.
/// </summary>
internal sealed partial class SiloCluster : IAsyncDisposable
{
    private readonly Channel<ClusterView> _views = Channel.CreateUnbounded<ClusterView>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private Task _applying = Task.CompletedTask;
    private SiloAddress? _self;

    public SiloCluster(GrainCallRouter router, Catalog catalog, CallTimeouts timeouts, MessagingOptions messaging, ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<SiloCluster>();
        Router = router;
        Directory = new ClusterGrainDirectory(router, catalog, loggerFactory.CreateLogger<ClusterGrainDirectory>());
        Connections = new SiloConnections(timeouts, router.Factory, messaging, loggerFactory);
    }

    public GrainCallRouter Router { get; }

    public ClusterGrainDirectory Directory { get; }

    public SiloConnections Connections { get; }

    /// <summary>This silo's address once it has joined.</summary>
    public SiloAddress? Self => _self;

    /// <summary>Set when a graceful shutdown begins: this silo takes no new activations and hands requests on.</summary>
    public bool IsShuttingDown { get; private set; }

    public bool IsAlive(SiloAddress silo) => Directory.View?.IsAlive(silo) ?? false;

    /// <summary>Whether a request from another silo was meant for this incarnation of this silo.</summary>
    public bool IsForThisSilo(long generation) => _self is { } self && self.Generation == generation;

    /// <summary>Called once the silo is in the membership table; views then follow in order.</summary>
    public void OnJoined(SiloAddress self, MembershipSnapshot snapshot)
    {
        _self = self;
        _applying = RebalanceAsync();
        OnViewChanged(snapshot);
    }

    /// <summary>
    /// Routing follows a new membership view at once; closing connections to dead silos and moving directory entries
    /// (which take calls) happen in order in the background.
    /// </summary>
    public void OnViewChanged(MembershipSnapshot snapshot)
    {
        if (_self is not { } self)
        {
            return;
        }

        var view = new ClusterView(self, snapshot);
        Directory.UseView(view);
        _views.Writer.TryWrite(view);
    }

    public void BeginShutdown() => IsShuttingDown = true;

    /// <summary>Rereads the membership table now (set by the membership service).</summary>
    public Func<CancellationToken, Task>? RefreshMembership { get; set; }

    /// <summary>Rereads the membership table; false if it could not be read.</summary>
    public async Task<bool> RefreshViewAsync()
    {
        if (RefreshMembership is not { } refresh)
        {
            return false;
        }

        try
        {
            await refresh(CancellationToken.None);
            return true;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogRefreshFailed(_logger, error.Message);
            return false;
        }
    }

    /// <summary>Sends <paramref name="request"/> to <paramref name="silo"/> over the shared connection to it.</summary>
    public ValueTask<TResult> SendAsync<TResult>(SiloAddress silo, GrainReference target, GrainRequest<TResult> request, TimeSpan timeout, int hops)
    {
        var open = Connections.TryGetOpen(silo);
        return open is not null ? open.InvokeAsync(target, request, timeout, hops) : ConnectAndSendAsync(silo, target, request, timeout, hops);
    }

    public async ValueTask DisposeAsync()
    {
        _views.Writer.TryComplete();
        await _applying;
        await Connections.DisposeAsync();
    }

    private async ValueTask<TResult> ConnectAndSendAsync<TResult>(SiloAddress silo, GrainReference target, GrainRequest<TResult> request, TimeSpan timeout, int hops)
    {
        var connection = await Connections.GetAsync(silo);
        return await connection.InvokeAsync(target, request, timeout, hops);
    }

    private async Task RebalanceAsync()
    {
        ClusterView? previous = null;
        await foreach (var next in _views.Reader.ReadAllAsync())
        {
            // Only the newest of several waiting views matters.
            var view = next;
            while (_views.Reader.TryRead(out var newer))
            {
                view = newer;
            }

            try
            {
                foreach (var gone in Connections.Connected.Where(s => !view.IsAlive(s)))
                {
                    await Connections.DropAsync(gone, new SiloUnavailableException($"Silo {gone} left the cluster or was declared dead."));
                }

                await Directory.RebalanceAsync(previous, view);
                if (previous is null || !previous.Active.SequenceEqual(view.Active))
                {
                    LogView(_logger, view.Version, string.Join(", ", view.Active));
                }
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                LogViewFailed(_logger, error, view.Version);
            }

            previous = view;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster view {Version}: active silos {Silos}")]
    private static partial void LogView(ILogger logger, long version, string silos);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rereading the membership table failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying cluster view {Version} failed")]
    private static partial void LogViewFailed(ILogger logger, Exception error, long version);
}
