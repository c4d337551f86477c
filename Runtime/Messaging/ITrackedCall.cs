namespace AgentRL.Runtime.Messaging;

/// <summary>A call whose caller is waiting, with the moment it stops waiting.</summary>
internal interface ITrackedCall
{
    long DeadlineTimestamp { get; }

    /// <summary>Fails the call with a timeout naming it; called once, by the tracker.</summary>
    void OnTimeout();
}
