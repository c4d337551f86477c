using System.Collections.Concurrent;
using AgentRL.Runtime.Activation;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Placement;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.GrainDirectory;

/// <summary>
/// This silo's view of the cluster-wide grain directory: where each grain's one activation lives. Entries are split
/// over the active silos by a <see cref="DirectoryRing"/>; this silo keeps its share in a
/// <see cref="GrainDirectoryPartition"/> and asks the other owners through their <see cref="IGrainDirectoryPartitionGrain"/>.
/// Answers are cached until the silo they name dies. A grain is placed by registering the chosen silo with the entry's
/// owner (first registration wins), and an activation registers itself before it runs, so concurrent first calls from
/// every silo end at one activation.
/// </summary>
internal sealed partial class ClusterGrainDirectory(GrainCallRouter router, Catalog catalog, ILogger logger)
{
    // Waits of 0.1, 0.2, 0.4, 0.8 and 1.6 s cover an owner's view lagging by one table refresh (1 s by default).
    private const int StaleOwnerRetries = 5;

    private readonly ConcurrentDictionary<GrainId, SiloAddress> _cache = new();
    private readonly TaskCompletionSource<ClusterView> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Silos that refused a connection while the table still lists them: no new grains go there until the next view.
    private volatile IReadOnlyCollection<SiloAddress> _suspected = [];
    private volatile ClusterView? _view;

    private GrainDirectoryPartition Partition { get; } = new();

    /// <summary>The current view (null until the silo has joined: lookups meanwhile wait for it).</summary>
    public ClusterView? View => _view;

    public bool TryGetCached(GrainId grainId, out SiloAddress silo)
    {
        if (_cache.TryGetValue(grainId, out silo) && _view is { } view && view.IsAlive(silo))
        {
            return true;
        }

        silo = default;
        return false;
    }

    public void Forget(GrainId grainId) => _cache.TryRemove(grainId, out _);

    /// <summary>Places no new grains on <paramref name="silo"/> until the membership view changes (it refused a connection).</summary>
    public void Suspect(SiloAddress silo)
    {
        var suspected = _suspected;
        if (!suspected.Contains(silo))
        {
            _suspected = [.. suspected, silo];
        }
    }

    /// <summary>Where <paramref name="grainId"/> lives, placing it (by its class's strategy) if nowhere yet.</summary>
    public async ValueTask<SiloAddress> LocateAsync(GrainId grainId, GrainClassDescriptor grainClass)
    {
        var view = _view ?? await _joined.Task;
        for (var attempt = 0; ; attempt++)
        {
            var candidate = PlacementDirector.Place(grainId, grainClass.Placement, view, selfTakesActivations: router.Cluster?.IsShuttingDown != true, _suspected);
            var holder = await RegisterAsync(view, grainId, candidate);
            view = _view!;
            if (view.IsAlive(holder))
            {
                _cache[grainId] = holder;
                return holder;
            }

            // The owner still names a silo this one has read is dead (its view lags by at most one table refresh), or the
            // silo placement picked has left meanwhile: place again.
            if (attempt == StaleOwnerRetries)
            {
                throw new SiloUnavailableException($"{grainId} is still registered on {holder}, which has left the cluster; try again shortly.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt));
            view = _view!;
        }
    }

    /// <summary>Registers an activation starting on this silo; returns the silo that holds the grain (this one, or a winner).</summary>
    public async ValueTask<SiloAddress> RegisterActivationAsync(GrainId grainId)
    {
        var view = _view ?? await _joined.Task;
        var holder = await RegisterAsync(view, grainId, view.Self);
        _cache[grainId] = holder;
        return holder;
    }

    /// <summary>Removes a departing activation's entry (best effort: a stale entry only costs one forward later).</summary>
    public async Task UnregisterActivationAsync(GrainId grainId)
    {
        _cache.TryRemove(grainId, out _);
        if (_view is not { Ring.IsEmpty: false } view)
        {
            return;
        }

        var owner = view.Ring.Owner(grainId);
        try
        {
            if (owner == view.Self)
            {
                Partition.Unregister(grainId, view.Self);
            }
            else
            {
                await PartitionOf(owner).Unregister(grainId.Type, grainId.Key, view.Self.ToString());
            }
        }
        catch (Exception error) when (error is SiloUnavailableException or TimeoutException)
        {
            LogUnregisterFailed(logger, grainId, owner, error.Message);
        }
    }

    /// <summary>A registration arriving at this silo as an owner.</summary>
    public SiloAddress RegisterHere(GrainId grainId, SiloAddress candidate) =>
        Partition.Register(grainId, candidate, silo => _view?.IsAlive(silo) ?? false);

    public void UnregisterHere(GrainId grainId, SiloAddress silo) => Partition.Unregister(grainId, silo);

    /// <summary>Routes by <paramref name="view"/> from now on: locations on silos that are gone are forgotten at once.</summary>
    public void UseView(ClusterView view)
    {
        if (_view is { } current && current.Version > view.Version)
        {
            return;
        }

        _view = view;
        _suspected = [];
        _joined.TrySetResult(view);
        foreach (var entry in _cache)
        {
            if (!view.IsAlive(entry.Value))
            {
                _cache.TryRemove(entry);
            }
        }
    }

    /// <summary>
    /// Moves entries after the view changed from <paramref name="previous"/> to <paramref name="view"/>: hands entries
    /// the ring gave to other silos to their new owners, and registers this silo's activations with owners that replaced
    /// dead ones. An activation that finds its grain registered elsewhere meanwhile (both sides of a brief split)
    /// deactivates: the registered one wins.
    /// </summary>
    public async Task RebalanceAsync(ClusterView? previous, ClusterView view)
    {
        var moved = Partition.Prune(view);
        foreach (var byOwner in moved.GroupBy(e => view.Ring.Owner(e.Key)))
        {
            await HandOverAsync(view, byOwner.Key, [.. byOwner]);
        }

        if (previous is null || view.Ring.IsEmpty)
        {
            return;
        }

        var orphaned = catalog.RegisteredGrainIds()
            .Where(id => previous.Ring.IsEmpty || !view.IsAlive(previous.Ring.Owner(id)))
            .ToList();
        foreach (var byOwner in orphaned.GroupBy(view.Ring.Owner))
        {
            var holders = await HandOverAsync(view, byOwner.Key, [.. byOwner.Select(id => KeyValuePair.Create(id, view.Self))]);
            foreach (var (grainId, holder) in holders.Where(h => h.Value != view.Self))
            {
                // Not awaited: the duplicate finishes its running requests first, and the next view must not wait for them.
                LogDuplicate(logger, grainId, holder);
                _cache[grainId] = holder;
                _ = catalog.DeactivateAsync(grainId, DeactivationReason.DuplicateActivation);
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="candidate"/> with the entry's owner. An owner that cannot be reached and that this silo's
    /// view (reread by the failed call) shows has left is replaced by the one the newer ring names.
    /// </summary>
    private async ValueTask<SiloAddress> RegisterAsync(ClusterView view, GrainId grainId, SiloAddress candidate)
    {
        for (var attempt = 0; ; attempt++)
        {
            var owner = view.Ring.Owner(grainId);
            if (owner == view.Self)
            {
                return RegisterHere(grainId, candidate);
            }

            try
            {
                return SiloAddress.Parse(await PartitionOf(owner).Register(grainId.Type, grainId.Key, candidate.ToString()));
            }
            catch (SiloUnavailableException) when (attempt < 2 && _view is { } newer && !newer.IsAlive(owner) && !newer.Ring.IsEmpty)
            {
                view = newer;
            }
        }
    }

    private async Task<List<KeyValuePair<GrainId, SiloAddress>>> HandOverAsync(ClusterView view, SiloAddress owner, List<KeyValuePair<GrainId, SiloAddress>> entries)
    {
        try
        {
            if (owner == view.Self)
            {
                return [.. entries.Select(e => KeyValuePair.Create(e.Key, RegisterHere(e.Key, e.Value)))];
            }

            var holders = await PartitionOf(owner).RegisterAll(
                [.. entries.Select(e => e.Key.Type)], [.. entries.Select(e => e.Key.Key)], [.. entries.Select(e => e.Value.ToString())]);
            return [.. entries.Select((e, i) => KeyValuePair.Create(e.Key, SiloAddress.Parse(holders[i])))];
        }
        catch (Exception error) when (error is SiloUnavailableException or TimeoutException)
        {
            // The owner went too; the next view change hands these over again.
            LogHandOverFailed(logger, entries.Count, owner, error.Message);
            return [];
        }
    }

    private IGrainDirectoryPartitionGrain PartitionOf(SiloAddress owner) =>
        router.Factory.GetGrain<IGrainDirectoryPartitionGrain>(owner.ToString());

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unregistering {Grain} at {Owner} failed: {Reason}")]
    private static partial void LogUnregisterFailed(ILogger logger, GrainId grain, SiloAddress owner, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing {Count} directory entries to {Owner} failed: {Reason}")]
    private static partial void LogHandOverFailed(ILogger logger, int count, SiloAddress owner, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain} is registered on {Holder}: deactivating this silo's duplicate")]
    private static partial void LogDuplicate(ILogger logger, GrainId grain, SiloAddress holder);
}
