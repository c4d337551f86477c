namespace AgentRL.Runtime.TestGrains;

public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Changes the in-memory value; it is only persisted by OnDeactivateAsync.</summary>
    Task Set(string value);

    Task<string> Get();

    /// <summary>A fresh id per activation, to tell activations apart.</summary>
    Task<Guid> ActivationId();

    /// <summary>Asks the runtime to deactivate this activation after this call.</summary>
    Task Leave();

    /// <summary>Starts a timer that counts ticks (see <see cref="SessionGrain.TicksOf"/>).</summary>
    Task StartTicking(int periodMilliseconds);
}

[GenerateSerializer]
public sealed class SessionState
{
    public string Value { get; set; } = "";
}

/// <summary>Persists only on deactivation: proves OnDeactivateAsync runs before an activation goes away.</summary>
public sealed class SessionGrain([PersistentState("session")] IPersistentState<SessionState> state) : Grain, ISessionGrain
{
    public static readonly Lifecycle Activations = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Ticks = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> DeactivationGates = new();
    private readonly Guid _activationId = Guid.NewGuid();

    public static int TicksOf(string key) => Ticks.GetValueOrDefault(key);

    /// <summary>
    /// Makes the next deactivation of <paramref name="key"/> wait in OnDeactivateAsync until the returned source is
    /// completed, so a test can send calls while it is certainly under way.
    /// </summary>
    public static TaskCompletionSource HoldDeactivation(string key) =>
        DeactivationGates[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.Activated(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        Activations.Deactivated(key, reason);
        if (DeactivationGates.TryRemove(key, out var gate))
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        await state.WriteStateAsync(cancellationToken);
    }

    public Task Set(string value)
    {
        state.State.Value = value;
        return Task.CompletedTask;
    }

    public Task<string> Get() => Task.FromResult(state.State.Value);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartTicking(int periodMilliseconds)
    {
        var key = this.GetPrimaryKeyString();
        RegisterGrainTimer(_ =>
        {
            Ticks.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }, TimeSpan.Zero, TimeSpan.FromMilliseconds(periodMilliseconds));
        return Task.CompletedTask;
    }
}
