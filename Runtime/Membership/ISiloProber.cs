namespace AgentRL.Runtime.Membership;

/// <summary>Pings a silo directly (over the silo-to-silo connection); false or an exception is a missed probe.</summary>
public interface ISiloProber
{
    Task<bool> ProbeAsync(SiloAddress silo, CancellationToken cancellationToken);
}
