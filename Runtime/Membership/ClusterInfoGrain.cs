using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Membership;

/// <summary>Answers <see cref="IClusterInfoGrain"/> from this silo's membership view.</summary>
[StatelessWorker(1)]
internal sealed class ClusterInfoGrain(ISiloStatus silo, IOptions<SiloOptions> siloOptions, MembershipAgent? agent = null) : Grain, IClusterInfoGrain
{
    public Task<IReadOnlyList<SiloInfo>> Silos()
    {
        if (agent is null)
        {
            var endPoint = silo.GatewayEndPoint;
            var gateway = endPoint is null ? "" : $"{endPoint.Address}:{endPoint.Port}";
            return Task.FromResult<IReadOnlyList<SiloInfo>>(
                [new SiloInfo(gateway, siloOptions.Value.SiloName, SiloStatus.Active, siloOptions.Value.Roles, gateway, DateTimeOffset.UtcNow)]);
        }

        IReadOnlyList<SiloInfo> silos = [.. agent.View.Rows.Select(r => r.Entry)
            .OrderBy(e => e.Status == SiloStatus.Active ? 0 : 1).ThenBy(e => e.Silo)
            .Select(e => new SiloInfo(e.Silo.ToString(), e.SiloName, e.Status, e.Roles, e.GatewayPort > 0 ? $"{e.Silo.Host}:{e.GatewayPort}" : "", e.IAmAliveTime))];
        return Task.FromResult(silos);
    }
}
