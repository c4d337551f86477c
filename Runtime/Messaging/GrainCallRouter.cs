using AgentRL.Runtime.Activation;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Core;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Messaging;

/// <summary>
/// Decides where each call a silo makes or receives runs. A silo on its own runs everything locally. In a cluster a
/// call goes to the local activation when there is one (or the grain is a stateless worker), else to the silo the grain
/// directory names, placing the grain first if it is nowhere yet; requests that reach a silo which does not hold their
/// grain are forwarded (a bounded number of times). Remote locations are cached on the grain reference and in the
/// directory until the silo they name dies; a call that finds its silo unreachable fails at once with
/// <see cref="SiloUnavailableException"/> and forgets the location, so the next call places the grain afresh once the
/// cluster has declared that silo dead.
/// </summary>
internal sealed class GrainCallRouter : IGrainCallInvoker, IRequestForwarder, IAsyncDisposable
{
    /// <summary>A request forwarded this many times without finding its grain fails instead of chasing it further.</summary>
    public const int MaxHops = 3;

    private readonly LocalGrainCallInvoker _local;
    private readonly Catalog _catalog;
    private readonly CallTimeouts _timeouts;
    private readonly TimeSpan _defaultTimeout;

    public GrainCallRouter(
        LocalGrainCallInvoker local,
        CallTimeouts timeouts,
        IOptions<MessagingOptions> messaging,
        IEnumerable<IMembershipTable> membership,
        ILoggerFactory loggerFactory)
    {
        _local = local;
        _catalog = local.Catalog;
        _timeouts = timeouts;
        _defaultTimeout = messaging.Value.ResponseTimeout;
        Factory = new GrainFactory(this);
        if (membership.Any())
        {
            Cluster = new SiloCluster(this, _catalog, timeouts, messaging.Value, loggerFactory);
            _catalog.Cluster = Cluster;
        }
    }

    /// <summary>References created here call through this router.</summary>
    public GrainFactory Factory { get; }

    /// <summary>The cluster this silo belongs to, or null for a silo on its own.</summary>
    public SiloCluster? Cluster { get; }

    public LocalGrainCallInvoker Local => _local;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request) => InvokeAsync(target, request, retried: false);

    private ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request, bool retried)
    {
        var cluster = Cluster;
        if (cluster is null || target.CachedTarget is ActivationData { IsGone: false })
        {
            return _local.InvokeAsync(target, request);
        }

        if (target.CachedTarget is RemoteGrainLocation remote && cluster.IsAlive(remote.Silo))
        {
            return SendAsync(cluster, remote, target, request, retried);
        }

        GrainClassDescriptor grainClass;
        try
        {
            grainClass = _catalog.ResolveClass(target.Interface);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(exception);
        }

        var grainId = new GrainId(grainClass.GrainType, target.Key);
        if (grainClass.IsStatelessWorker || _catalog.HasActivation(grainId))
        {
            return _local.InvokeAsync(target, request);
        }

        if (grainClass.Placement is PlacementStrategy.KeyedBySiloStrategy)
        {
            SiloAddress silo;
            try
            {
                silo = SiloAddress.Parse(target.Key);
            }
            catch (FormatException exception)
            {
                return ValueTask.FromException<TResult>(exception);
            }

            return silo == cluster.Self ? _local.InvokeAsync(target, request) : SendAsync(cluster, new RemoteGrainLocation(grainId, silo), target, request, retried);
        }

        return cluster.Directory.TryGetCached(grainId, out var cached)
            ? InvokeAt(cluster, cached, grainId, target, request, retried)
            : LocateThenInvokeAsync(cluster, grainId, grainClass, target, request, retried);
    }

    /// <summary>
    /// Dispatches a request that arrived on a connection: from a client (placed like any call from this silo) or from
    /// another silo that addressed it here (<paramref name="addressedHere"/>: activate it here unless shutting down).
    /// </summary>
    public void DispatchInbound(GrainInterfaceDescriptor grainInterface, string key, GrainRequest request, bool addressedHere)
    {
        request.Interface = grainInterface;
        if (Cluster is not { } cluster)
        {
            _local.Dispatch(grainInterface, key, request);
            return;
        }

        GrainClassDescriptor grainClass;
        try
        {
            grainClass = _catalog.ResolveClass(grainInterface);
        }
        catch (Exception exception)
        {
            request.Fail(exception);
            return;
        }

        var grainId = new GrainId(grainClass.GrainType, key);
        if (!grainClass.UsesDirectory || _catalog.HasActivation(grainId) || (addressedHere && !cluster.IsShuttingDown))
        {
            _catalog.Dispatch(grainId, grainClass, request);
            return;
        }

        _ = RouteAsync(cluster, grainId, grainClass, request);
    }

    /// <summary>A request queued on an activation that went away (or lost its registration): to wherever its grain is now.</summary>
    public void Reroute(GrainId grainId, GrainClassDescriptor grainClass, GrainRequest request)
    {
        if (Cluster is { } cluster && grainClass.UsesDirectory)
        {
            _ = RouteAsync(cluster, grainId, grainClass, request);
        }
        else
        {
            _catalog.Dispatch(grainId, grainClass, request);
        }
    }

    /// <summary>A silo disposed without a graceful stop (a crash in tests) still closes its connections to the others.</summary>
    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? ValueTask.CompletedTask;

    void IRequestForwarder.Forward<TResult>(GrainRequest<TResult> request, SiloAddress silo, string key) => _ = ForwardAsync(request, silo, key);

    private ValueTask<TResult> InvokeAt<TResult>(SiloCluster cluster, SiloAddress silo, GrainId grainId, GrainReference target, GrainRequest<TResult> request, bool retried) =>
        silo == cluster.Self ? _local.InvokeAsync(target, request) : SendAsync(cluster, new RemoteGrainLocation(grainId, silo), target, request, retried);

    private async ValueTask<TResult> LocateThenInvokeAsync<TResult>(
        SiloCluster cluster, GrainId grainId, GrainClassDescriptor grainClass, GrainReference target, GrainRequest<TResult> request, bool retried)
    {
        var silo = await cluster.Directory.LocateAsync(grainId, grainClass);
        return await InvokeAt(cluster, silo, grainId, target, request, retried);
    }

    private ValueTask<TResult> SendAsync<TResult>(SiloCluster cluster, RemoteGrainLocation location, GrainReference target, GrainRequest<TResult> request, bool retried)
    {
        if (!ReferenceEquals(target.CachedTarget, location))
        {
            target.CachedTarget = location;
        }

        request.Interface = target.Interface;
        var sent = cluster.SendAsync(location.Silo, target, request, request.Method.ResponseTimeout ?? _defaultTimeout, hops: 0);
        return sent.IsCompletedSuccessfully ? sent : ObserveAsync(cluster, location, target, request, sent, retried);
    }

    private async ValueTask<TResult> ObserveAsync<TResult>(
        SiloCluster cluster, RemoteGrainLocation location, GrainReference target, GrainRequest<TResult> request, ValueTask<TResult> sent, bool retried)
    {
        try
        {
            return await sent;
        }
        catch (SiloUnavailableException unavailable)
        {
            // The silo is gone or restarted: the next call asks the directory again.
            cluster.Directory.Forget(location.GrainId);
            if (ReferenceEquals(target.CachedTarget, location))
            {
                target.CachedTarget = null;
            }

            // A silo that refused the connection may just have left (a graceful stop): if a fresh read of the membership
            // table says so, the call was never delivered and goes (once) to wherever the grain is placed now. A silo the
            // table still lists fails the call at once; the cluster declares it dead within its probe timings.
            if (retried || !unavailable.RequestNotSent || !await cluster.RefreshViewAsync() || cluster.IsAlive(location.Silo))
            {
                if (unavailable.RequestNotSent)
                {
                    cluster.Directory.Suspect(location.Silo);
                }

                throw;
            }
        }

        return await InvokeAsync(target, request, retried: true);
    }

    private async Task RouteAsync(SiloCluster cluster, GrainId grainId, GrainClassDescriptor grainClass, GrainRequest request)
    {
        SiloAddress silo;
        try
        {
            if (!cluster.Directory.TryGetCached(grainId, out silo))
            {
                silo = await cluster.Directory.LocateAsync(grainId, grainClass);
            }
        }
        catch (Exception exception)
        {
            request.Fail(exception);
            return;
        }

        if (silo == cluster.Self && !cluster.IsShuttingDown)
        {
            _catalog.Dispatch(grainId, grainClass, request);
        }
        else
        {
            request.Forward(this, silo, grainId.Key);
        }
    }

    private async Task ForwardAsync<TResult>(GrainRequest<TResult> request, SiloAddress silo, string key)
    {
        var cluster = Cluster!;
        try
        {
            if (request.Hops >= MaxHops)
            {
                throw new SiloUnavailableException(
                    $"{request.Method.DisplayName} on {request.Interface?.Name}/{key} was forwarded {request.Hops} times without reaching its grain.");
            }

            var target = (request.Interface ?? throw new InvalidOperationException("A forwarded request must know its grain interface."))
                .CreateReference(this, key);
            var result = await cluster.SendAsync(silo, target, request, _timeouts.Remaining(request.DeadlineTimestamp), request.Hops + 1);
            request.Sink?.OnResult(request, result);
        }
        catch (Exception exception)
        {
            if (exception is SiloUnavailableException && request.Interface is { } grainInterface)
            {
                cluster.Directory.Forget(new GrainId(_catalog.ResolveClass(grainInterface).GrainType, key));
            }

            request.Sink?.OnException(request, exception);
        }
    }

    /// <summary>Where a grain reference last found its grain on another silo.</summary>
    private sealed record RemoteGrainLocation(GrainId GrainId, SiloAddress Silo);
}
