using AgentRL.Runtime.Activation;
using AgentRL.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRL.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates one instance per activation and runs its code one turn
/// at a time; constructor parameters are resolved from DI, and <c>[PersistentState]</c> parameters are bound to
/// storage and read before <see cref="OnActivateAsync"/>.
/// </summary>
public abstract class Grain : IAddressable
{
    private ActivationData? _activation;

    internal ActivationData Activation =>
        _activation ?? throw new InvalidOperationException("A grain can only use the runtime after its constructor has run.");

    /// <summary>This activation's grain id.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>The silo's grain factory, for calling other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Catalog.Services.GetRequiredService<IGrainFactory>();

    protected IServiceProvider ServiceProvider => Activation.Catalog.Services;

    /// <summary>Runs after state is read and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation goes away (idle, requested, silo shutdown): persist what must survive.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivateOnIdle();

    /// <summary>
    /// Calls <paramref name="callback"/> after <paramref name="dueTime"/> and then every <paramref name="period"/>
    /// (measured from the end of the previous tick) as a turn of this activation. Ticks do not keep the grain from
    /// idle collection. Dispose the result to stop it; it also stops on deactivation.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(static (state, ct) => ((Func<CancellationToken, Task>)state!)(ct), callback, dueTime, period);

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, TimeSpan, TimeSpan)"/>
    protected IDisposable RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer((s, ct) => callback((TState)s!, ct), state, dueTime, period);

    internal void Bind(ActivationData activation) => _activation = activation;
}
