namespace AgentRL.Runtime.Membership;

/// <summary>How silos watch each other (configuration section "AgentRL:Membership"); defaults suit a LAN or one host.</summary>
public sealed class MembershipOptions
{
    public const string Section = "AgentRL:Membership";

    /// <summary>
    /// The address other silos reach this one at; empty: the gateway's listen address (loopback when it listens on
    /// every interface). The port is always the gateway's: silos talk to each other on the same framed protocol.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>How often a silo writes its heartbeat into the table.</summary>
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo rereads the table (the bound on how stale its view of the cluster gets).</summary>
    public TimeSpan TableRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a silo pings each silo it watches.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a ping may take before it counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed pings after which a silo votes its peer dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How many peers each silo watches (its successors on a ring of the active silos).</summary>
    public int ProbedSilos { get; set; } = 3;

    /// <summary>Distinct votes that declare a silo dead (fewer when fewer other silos are alive to vote).</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>How long a vote counts: votes older than this are dropped when the next one is cast.</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows of dead silos older than this are deleted from the table.</summary>
    public TimeSpan DefunctRowAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Compare-and-swap attempts before a table change gives up for this round (it is retried next round).</summary>
    public int WriteAttempts { get; set; } = 10;
}
