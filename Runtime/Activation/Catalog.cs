using System.Collections.Concurrent;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Activation;

/// <summary>
/// The silo's activations by grain id: creates them on first call, hands requests to them, and removes them when
/// they deactivate. At most one activation per grain id (a group of them for stateless workers).
/// </summary>
internal sealed partial class Catalog(
    IServiceProvider services,
    TimeProvider time,
    IOptions<GrainCollectionOptions> collectionOptions,
    ILoggerFactory loggerFactory)
{
    // A request rejected this many times in a row (its activation kept going away) fails instead of looping.
    private const int MaxDispatchAttempts = 16;

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerGroup> _workers = new();
    private readonly ConcurrentDictionary<GrainInterfaceDescriptor, GrainClassDescriptor> _classes = new();
    private readonly ConcurrentDictionary<string, IGrainStorage> _storage = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger("AgentRL.Runtime.Catalog");
    private readonly ILogger _grainLogger = loggerFactory.CreateLogger("AgentRL.Runtime.Activation");
    private volatile bool _shuttingDown;

    public IServiceProvider Services { get; } = services;

    public TimeProvider Time { get; } = time;

    public TimeSpan ActivationTimeout => collectionOptions.Value.ActivationTimeout;

    public TimeSpan DeactivationTimeout => collectionOptions.Value.DeactivationTimeout;

    /// <summary>Activations currently in the catalog, stateless workers included.</summary>
    public int Count => _activations.Count + _workers.Values.Sum(group => group.Count);

    public bool IsShuttingDown => _shuttingDown;

    /// <summary>The cluster this silo belongs to (null on its own): activations register in its directory.</summary>
    public SiloCluster? Cluster { get; set; }

    public bool HasActivation(GrainId grainId) => _activations.TryGetValue(grainId, out var activation) && !activation.IsGone;

    /// <summary>The grains whose activations here are registered in the cluster's directory.</summary>
    public IEnumerable<GrainId> RegisteredGrainIds() =>
        _activations.Values.Where(a => a.Class.UsesDirectory && !a.IsGone).Select(a => a.GrainId);

    /// <summary>Deactivates this silo's activation of <paramref name="grainId"/>, if there is one.</summary>
    public Task DeactivateAsync(GrainId grainId, DeactivationReason reason) =>
        _activations.TryGetValue(grainId, out var activation) ? activation.DeactivateAsync(reason) : Task.CompletedTask;

    public GrainClassDescriptor ResolveClass(GrainInterfaceDescriptor grainInterface) =>
        _classes.GetOrAdd(grainInterface, static i => GrainTypeRegistry.ResolveClass(i));

    /// <summary>The activation a request for <paramref name="grainId"/> should go to, created if needed.</summary>
    public ActivationData GetActivation(GrainId grainId, GrainClassDescriptor grainClass)
    {
        if (_shuttingDown)
        {
            throw new SiloUnavailableException($"The silo is shutting down; {grainId} cannot be activated.");
        }

        if (grainClass.IsStatelessWorker)
        {
            var group = _workers.GetOrAdd(grainId, static (id, state) =>
            {
                var (catalog, cls) = state;
                var max = cls.StatelessWorkerMaxLocal > 0 ? cls.StatelessWorkerMaxLocal : Environment.ProcessorCount;
                return new StatelessWorkerGroup(max, () => new ActivationData(id, cls, catalog, catalog._grainLogger));
            }, (this, grainClass));
            return group.Pick();
        }

        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var activation = _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(id, state.grainClass, state.catalog, state.catalog._grainLogger), (catalog: this, grainClass));
        activation.EnsureActivationStarted();
        return activation;
    }

    /// <summary>
    /// Hands a request (its sink already set) to its grain's activation, retrying while activations go away;
    /// failures go to the sink.
    /// </summary>
    public void Dispatch(GrainId grainId, GrainClassDescriptor grainClass, GrainRequest request, ActivationData? activation = null)
    {
        try
        {
            for (var attempt = 0; attempt < MaxDispatchAttempts; attempt++)
            {
                activation ??= GetActivation(grainId, grainClass);
                switch (activation.Enqueue(request))
                {
                    case Admission.Accepted:
                        return;
                    case Admission.Deadlock:
                        request.Fail(new GrainDeadlockException(
                            $"Deadlock: {request.Method.DisplayName} on {grainId} would wait for a call chain that is waiting for it: " +
                            Messaging.CallChainLink.Describe(request.Caller, $"{request.Method.DisplayName} ({grainId})") +
                            ". Mark the grain [Reentrant] or the method [AlwaysInterleave] if this is intended."));
                        return;
                    default:
                        activation = null;
                        break;
                }
            }

            request.Fail(new SiloUnavailableException($"No activation of {grainId} accepted {request.Method.DisplayName} after {MaxDispatchAttempts} attempts."));
        }
        catch (Exception exception)
        {
            request.Fail(exception);
        }
    }

    /// <summary>
    /// Sends a request that was queued on a deactivated activation to a fresh one: here, or in a cluster wherever the
    /// grain is now (a shutting-down silo hands its callers on).
    /// </summary>
    public void Redispatch(ActivationData previous, GrainRequest request)
    {
        if (Cluster is { } cluster)
        {
            cluster.Router.Reroute(previous.GrainId, previous.Class, request);
            return;
        }

        if (_shuttingDown)
        {
            request.Fail(new SiloUnavailableException($"The silo is shutting down; {request.Method.DisplayName} on {previous.GrainId} was not run."));
            return;
        }

        Dispatch(previous.GrainId, previous.Class, request);
    }

    public void Remove(ActivationData activation)
    {
        if (activation.Class.IsStatelessWorker)
        {
            if (_workers.TryGetValue(activation.GrainId, out var group))
            {
                group.Remove(activation);
            }

            return;
        }

        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
    }

    public IGrainStorage GetStorage(string name) =>
        _storage.GetOrAdd(name, static (n, sp) => sp.GetKeyedService<IGrainStorage>(n) ?? throw new InvalidOperationException(
            $"No grain storage named '{n}' is registered. Add one in UseAgentSilo with silo.AddSqliteGrainStorage(\"{n}\") or silo.AddMemoryGrainStorage(\"{n}\")."),
            Services);

    /// <summary>Deactivates activations idle for at least <paramref name="age"/>; returns how many.</summary>
    public int CollectIdle(TimeSpan age)
    {
        var now = Time.GetTimestamp();
        var collected = 0;
        foreach (var activation in AllActivations())
        {
            if (activation.IsIdleFor(age, now))
            {
                _ = activation.DeactivateAsync(DeactivationReason.IdleCollection);
                collected++;
            }
        }

        if (collected > 0)
        {
            LogCollected(_logger, collected);
        }

        return collected;
    }

    /// <summary>
    /// Graceful shutdown: no new activations; every activation finishes its running requests, runs OnDeactivateAsync
    /// (where grains persist what they must) and leaves.
    /// </summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        var pending = AllActivations().Select(a => a.DeactivateAsync(DeactivationReason.SiloShutdown)).ToArray();
        LogShuttingDown(_logger, pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogShutdownIncomplete(_logger, pending.Count(t => !t.IsCompleted));
        }
    }

    private IEnumerable<ActivationData> AllActivations() =>
        _activations.Values.Concat(_workers.Values.SelectMany(group => group.Snapshot()));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Idle collection deactivated {Count} activations")]
    private static partial void LogCollected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deactivating {Count} activations for shutdown")]
    private static partial void LogShuttingDown(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timed out with {Count} activations still deactivating")]
    private static partial void LogShutdownIncomplete(ILogger logger, int count);
}
