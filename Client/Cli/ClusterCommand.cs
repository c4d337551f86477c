using System.CommandLine;
using System.Globalization;
using AgentRL.Runtime.Membership;

namespace AgentRL.Cli;

/// <summary>`agentrl cluster`: the silos of a cluster as its gateway sees them (address, name, status, roles, heartbeat).</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var command = new Command("cluster", "List the silos of a cluster (--cluster) with their status and roles.") { gateway, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(gateway), parse.GetValue(data)!, cancellationToken);
            var silos = await client.Grains.GetGrain<IClusterInfoGrain>("cli").Silos().WaitAsync(cancellationToken);
            var addressWidth = Math.Max(7, silos.Max(s => s.Address.Length));
            var nameWidth = Math.Max(4, silos.Max(s => s.Name.Length));
            Console.WriteLine($"{"address".PadRight(addressWidth)}  {"name".PadRight(nameWidth)}  {"status",-12}  {"roles",-12}  heartbeat");
            foreach (var silo in silos)
            {
                var roles = silo.Roles.Count == 0 ? "-" : string.Join(",", silo.Roles);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{silo.Address.PadRight(addressWidth)}  {silo.Name.PadRight(nameWidth)}  {silo.Status,-12}  {roles,-12}  {silo.LastHeartbeat:HH:mm:ss}"));
            }

            Console.WriteLine($"{silos.Count(s => s.Status == SiloStatus.Active)} active of {silos.Count} (as {client.Description} sees them)");
            return 0;
        });
        return command;
    }
}
