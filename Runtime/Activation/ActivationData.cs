using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Persistence;
using AgentRL.Runtime.Serialization;
using AgentRL.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Activation;

/// <summary>
/// One activation of a grain: the grain instance, its scheduler, its request queue and its lifecycle. Admission
/// decides which requests may start: a request of a non-reentrant class that is not [AlwaysInterleave] is
/// exclusive, and starts only when no other exclusive request is running or waiting; interleaving requests (and all
/// requests of [Reentrant] classes) start at once. Whatever cannot start waits here in arrival order.
/// </summary>
internal sealed partial class ActivationData : IGrainActivationContext
{
    private readonly object _gate = new();
    private readonly Queue<GrainRequest> _waiting = new();
    private readonly List<IStateLoader> _states = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Catalog _catalog;
    private readonly ILogger _logger;
    private ActivationState _state = ActivationState.Activating;
    private Grain? _grain;
    private int _running;
    private int _runningExclusive;
    private bool _activationStarted;
    private bool _registered;
    private DeactivationReason? _pendingDeactivation;
    private long _lastActiveTimestamp;

    public ActivationData(GrainId grainId, GrainClassDescriptor grainClass, Catalog catalog, ILogger logger)
    {
        GrainId = grainId;
        Class = grainClass;
        _catalog = catalog;
        _logger = logger;
        Scheduler = new ActivationScheduler(logger, grainId);
        _lastActiveTimestamp = catalog.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassDescriptor Class { get; }

    public ActivationScheduler Scheduler { get; }

    public Catalog Catalog => _catalog;

    public object GrainInstance => _grain ?? throw new InvalidOperationException($"{GrainId} is not activated.");

    /// <summary>Completes once OnDeactivateAsync has run and the activation has left the catalog.</summary>
    public Task Deactivated => _deactivated.Task;

    public bool IsGone
    {
        get
        {
            lock (_gate)
            {
                return _state is ActivationState.Deactivating or ActivationState.Invalid;
            }
        }
    }

    /// <summary>Requests running or waiting; stateless-worker routing picks the least loaded activation.</summary>
    public int Load
    {
        get
        {
            lock (_gate)
            {
                return _running + _waiting.Count;
            }
        }
    }

    /// <summary>Starts activation (state read, OnActivateAsync) once, whoever calls first.</summary>
    public void EnsureActivationStarted()
    {
        lock (_gate)
        {
            if (_activationStarted)
            {
                return;
            }

            _activationStarted = true;
        }

        Scheduler.Post(static s => _ = ((ActivationData)s!).ActivateAsync(), this);
    }

    /// <summary>
    /// Fast path: if the activation is valid, idle enough to start <paramref name="request"/>, and no thread is
    /// running its scheduler, claims it so the caller can run the request on its own thread.
    /// </summary>
    public bool TryEnterInline(GrainRequest request)
    {
        lock (_gate)
        {
            if (_state != ActivationState.Valid || !CanStart(request) || !Scheduler.TryEnterInline())
            {
                return false;
            }

            MarkRunning(request);
            return true;
        }
    }

    /// <summary>Runs a request admitted by <see cref="TryEnterInline"/> on the calling thread.</summary>
    public ValueTask<TResult> RunInline<TResult>(GrainRequest<TResult> request, LocalGrainCallInvoker invoker)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(Scheduler);
        try
        {
            return request.ExecuteInline(this, invoker);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            Scheduler.ExitInline();
        }
    }

    /// <summary>Offers a request whose sink is already set: starts it, queues it, or says why not.</summary>
    public Admission Enqueue(GrainRequest request)
    {
        lock (_gate)
        {
            switch (_state)
            {
                case ActivationState.Activating or ActivationState.Deactivating:
                    // Queued here; forwarded to the next activation once this one has gone.
                    _waiting.Enqueue(request);
                    return Admission.Accepted;
                case ActivationState.Valid when CanStart(request):
                    MarkRunning(request);
                    Start(request);
                    return Admission.Accepted;
                case ActivationState.Valid:
                    if (!Class.IsStatelessWorker && !Class.Reentrant && request.Caller?.Contains(GrainId) == true)
                    {
                        return Admission.Deadlock;
                    }

                    _waiting.Enqueue(request);
                    return Admission.Accepted;
                default:
                    return Admission.Rejected;
            }
        }
    }

    /// <summary>Called (on the scheduler) when a request finishes; starts whatever may now start.</summary>
    public void OnRequestCompleted(GrainRequest request)
    {
        DeactivationReason? deactivate = null;
        lock (_gate)
        {
            _running--;
            if (IsExclusive(request))
            {
                _runningExclusive--;
            }

            if (request.CountsAsActivity)
            {
                _lastActiveTimestamp = _catalog.Time.GetTimestamp();
            }

            if (_pendingDeactivation is { } reason)
            {
                if (_running == 0 && _state == ActivationState.Valid)
                {
                    _state = ActivationState.Deactivating;
                    deactivate = reason;
                }
            }
            else
            {
                StartWaiting();
            }
        }

        if (deactivate is { } why)
        {
            Scheduler.Post(static s => { var (a, r) = ((ActivationData, DeactivationReason))s!; _ = a.DeactivateCoreAsync(r); }, (this, why));
        }
    }

    /// <summary>
    /// Deactivates once running requests finish: no new request starts meanwhile; queued ones go to a new activation.
    /// </summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        var start = false;
        var activating = false;
        lock (_gate)
        {
            switch (_state)
            {
                case ActivationState.Valid when _pendingDeactivation is null:
                    _pendingDeactivation = reason;
                    if (_running == 0)
                    {
                        _state = ActivationState.Deactivating;
                        start = true;
                    }

                    break;
                case ActivationState.Activating:
                    // Deactivates as soon as activation completes.
                    _pendingDeactivation ??= reason;
                    activating = true;
                    break;
            }
        }

        if (start)
        {
            Scheduler.Post(static s => { var (a, r) = ((ActivationData, DeactivationReason))s!; _ = a.DeactivateCoreAsync(r); }, (this, reason));
        }
        else if (activating)
        {
            EnsureActivationStarted();
        }

        return _deactivated.Task;
    }

    /// <summary>True if nothing ran or waited here for at least <paramref name="age"/>.</summary>
    public bool IsIdleFor(TimeSpan age, long now)
    {
        lock (_gate)
        {
            return _state == ActivationState.Valid && _running == 0 && _waiting.Count == 0 && _pendingDeactivation is null &&
                   _catalog.Time.GetElapsedTime(_lastActiveTimestamp, now) >= age;
        }
    }

    public GrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, state, dueTime, period, _catalog.Time);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Queues a timer tick as a turn: it never overlaps a non-interleaving request.</summary>
    public bool EnqueueInternal(GrainRequest request)
    {
        lock (_gate)
        {
            if (_state != ActivationState.Valid || _pendingDeactivation is not null)
            {
                return false;
            }

            if (CanStart(request))
            {
                MarkRunning(request);
                Start(request);
            }
            else
            {
                _waiting.Enqueue(request);
            }

            return true;
        }
    }

    public void RequestDeactivateOnIdle() => _ = DeactivateAsync(DeactivationReason.RequestedByGrain);

    IPersistentState<TState> IGrainActivationContext.GetPersistentState<TState>(string stateName, string storageName, IWireCodec<TState> codec, Func<TState> createDefault)
    {
        var storage = _catalog.GetStorage(storageName);
        var state = new PersistentState<TState>(GrainId, stateName, storageName, storage, codec, createDefault);
        _states.Add(state);
        return state;
    }

    private bool IsExclusive(GrainRequest request) => !Class.Reentrant && !request.Method.AlwaysInterleave;

    private bool CanStart(GrainRequest request) =>
        _pendingDeactivation is null && (!IsExclusive(request) || (_runningExclusive == 0 && _waiting.Count == 0));

    private void MarkRunning(GrainRequest request)
    {
        _running++;
        if (IsExclusive(request))
        {
            _runningExclusive++;
        }
    }

    private void StartWaiting()
    {
        while (_waiting.TryPeek(out var next) && (!IsExclusive(next) || _runningExclusive == 0))
        {
            _waiting.Dequeue();
            MarkRunning(next);
            Start(next);
        }
    }

    private void Start(GrainRequest request)
    {
        request.Target = this;
        Scheduler.Post(static s => { var r = (GrainRequest)s!; r.Execute(r.Target!); }, request);
    }

    private async Task ActivateAsync()
    {
        if (!await RegisterAsync())
        {
            return;
        }

        using var cancellation = new CancellationTokenSource(_catalog.ActivationTimeout);
        try
        {
            var grain = Class.Create(_catalog.Services, this);
            grain.Bind(this);
            _grain = grain;
            foreach (var state in _states)
            {
                await state.ReadAsync(cancellation.Token);
            }

            await grain.OnActivateAsync(cancellation.Token);
        }
        catch (Exception exception)
        {
            LogActivationFailed(_logger, exception, GrainId);
            await UnregisterAsync();
            FailQueued(exception);
            return;
        }

        DeactivationReason? deactivate = null;
        lock (_gate)
        {
            _state = ActivationState.Valid;
            _lastActiveTimestamp = _catalog.Time.GetTimestamp();
            if (_pendingDeactivation is { } reason)
            {
                _state = ActivationState.Deactivating;
                deactivate = reason;
            }
            else
            {
                StartWaiting();
            }
        }

        if (deactivate is { } why)
        {
            await DeactivateCoreAsync(why);
        }
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        GrainTimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        try
        {
            using var cancellation = new CancellationTokenSource(_catalog.DeactivationTimeout);
            await _grain!.OnDeactivateAsync(reason, cancellation.Token);
        }
        catch (Exception exception)
        {
            LogDeactivationFailed(_logger, exception, GrainId);
        }

        await UnregisterAsync();
        var orphans = LeaveCatalog();
        LogDeactivated(_logger, GrainId, reason);
        _deactivated.TrySetResult();
        foreach (var orphan in orphans.Where(o => o.FollowsGrainToNextActivation))
        {
            _catalog.Redispatch(this, orphan);
        }
    }

    /// <summary>
    /// In a cluster, claims the grain in the directory before anything runs: when another silo holds it already, this
    /// activation never starts and what queued here goes there. False when the activation must not go on.
    /// </summary>
    private async Task<bool> RegisterAsync()
    {
        if (_catalog.Cluster is not { } cluster || !Class.UsesDirectory)
        {
            return true;
        }

        try
        {
            var holder = await cluster.Directory.RegisterActivationAsync(GrainId);
            if (holder == cluster.Self)
            {
                _registered = true;
                return true;
            }

            LogHeldElsewhere(_logger, GrainId, holder);
            var orphans = LeaveCatalog();
            _deactivated.TrySetResult();
            foreach (var orphan in orphans)
            {
                _catalog.Redispatch(this, orphan);
            }
        }
        catch (Exception exception)
        {
            LogActivationFailed(_logger, exception, GrainId);
            FailQueued(exception);
        }

        return false;
    }

    private async Task UnregisterAsync()
    {
        if (_registered && _catalog.Cluster is { } cluster)
        {
            _registered = false;
            await cluster.Directory.UnregisterActivationAsync(GrainId);
        }
    }

    private void FailQueued(Exception exception)
    {
        var orphans = LeaveCatalog();
        _deactivated.TrySetResult();
        foreach (var orphan in orphans)
        {
            orphan.Fail(exception);
        }
    }

    /// <summary>
    /// Leaves the catalog first, so that by the time this activation rejects requests a fresh one can be created;
    /// returns the requests that queued here meanwhile.
    /// </summary>
    private GrainRequest[] LeaveCatalog()
    {
        _catalog.Remove(this);
        lock (_gate)
        {
            _state = ActivationState.Invalid;
            GrainRequest[] orphans = [.. _waiting];
            _waiting.Clear();
            return orphans;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of {Grain} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Grain} is held by silo {Holder}: requests go there")]
    private static partial void LogHeldElsewhere(ILogger logger, GrainId grain, Membership.SiloAddress holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {Grain} failed")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grain);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated {Grain} ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grain, DeactivationReason reason);
}
