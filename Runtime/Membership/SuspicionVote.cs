namespace AgentRL.Runtime.Membership;

/// <summary>One silo's vote that another missed its probes, with when it was cast (old votes expire).</summary>
public readonly record struct SuspicionVote(SiloAddress Suspecter, DateTimeOffset Time);
