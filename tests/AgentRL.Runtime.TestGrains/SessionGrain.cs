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
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.Activated(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Activations.Deactivated(this.GetPrimaryKeyString(), reason);
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
}
