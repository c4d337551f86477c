namespace AgentRL.Runtime.Membership;

/// <summary>
/// What a silo knows of its cluster, for clients and operators (`agentrl cluster`). A stateless worker: it answers on the
/// silo it is called on, so a client sees its gateway's view. Any key will do.
/// </summary>
public interface IClusterInfoGrain : IGrainWithStringKey
{
    /// <summary>Every silo in this silo's membership view (a silo on its own lists itself), active ones first.</summary>
    Task<IReadOnlyList<SiloInfo>> Silos();
}
