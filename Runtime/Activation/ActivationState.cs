namespace AgentRL.Runtime.Activation;

internal enum ActivationState
{
    /// <summary>Created; reading state and running OnActivateAsync. Requests queue.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Running OnDeactivateAsync. Requests queue and are then sent to a new activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog; requests are re-dispatched.</summary>
    Invalid,
}
