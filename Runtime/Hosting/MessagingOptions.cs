namespace AgentRL.Runtime.Hosting;

/// <summary>Call delivery settings of a silo or client (configuration section "AgentRL:Messaging").</summary>
public sealed class MessagingOptions
{
    public const string Section = "AgentRL:Messaging";

    /// <summary>How long a caller waits for a response unless the method has [ResponseTimeout].</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often waiting calls are checked for timeouts (the most a timeout fires late).</summary>
    public TimeSpan TimeoutSweepPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest frame sent or accepted, in bytes.</summary>
    public int MaxMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Calls one connection carries at once (a client's to its gateway, a silo's to another silo); further callers wait
    /// for a slot, so a flood queues in its callers instead of in memory on the wire.
    /// </summary>
    public int MaxInFlightPerConnection { get; set; } = 4096;

    /// <summary>How long a silo tries to connect to another before the call fails with <see cref="SiloUnavailableException"/>.</summary>
    public TimeSpan SiloConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
