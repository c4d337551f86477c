namespace AgentRL.Runtime.Activation;

/// <summary>What an activation did with a request offered to it.</summary>
internal enum Admission
{
    /// <summary>Started or queued; the outcome goes to the request's sink.</summary>
    Accepted,

    /// <summary>The activation is going away; dispatch the request again to get a fresh one.</summary>
    Rejected,

    /// <summary>Waiting would never end: the activation is waiting on this very call chain.</summary>
    Deadlock,
}
