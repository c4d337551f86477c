namespace AgentRL.Runtime;

/// <summary>Why an activation is being deactivated; passed to <c>Grain.OnDeactivateAsync</c>.</summary>
public enum DeactivationReason
{
    /// <summary>The activation was idle for longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The grain asked for it with <c>DeactivateOnIdle()</c>.</summary>
    RequestedByGrain,

    /// <summary>The silo is shutting down gracefully.</summary>
    SiloShutdown,

    /// <summary>Activation failed (OnActivateAsync or reading state threw).</summary>
    ActivationFailed,

    /// <summary>The cluster's directory holds another activation of this grain (after a split it could not see); that one wins.</summary>
    DuplicateActivation,
}
