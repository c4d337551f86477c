using System.CommandLine;
using AgentRL.Client;
using AgentRL.Torch;
using Microsoft.Extensions.Logging;

namespace AgentRL.Cli;

/// <summary>
/// `agentrl silo`: runs a silo in this process until stopped: alone (SQLite storage, a gateway for clients), or as a
/// member of a cluster whose membership lives in a SQLite file (silo processes on one host) or in PostgreSQL.
/// </summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var port = new Option<int>("--port", "-p") { Description = "Gateway port for clients and other silos (0 picks a free one).", DefaultValueFactory = _ => 30000 };
        var plugins = new Option<string?>("--plugins") { Description = "A folder of plug-in environment assemblies." };
        var clusterDb = new Option<string?>("--cluster-db")
        {
            Description = "Join a cluster: a SQLite membership file shared by silos on this host (e.g. data/cluster.db), or a PostgreSQL " +
                          "connection string (\"Host=...;Username=...;Database=...\") for silos on several hosts, which then keep grain state there too.",
        };
        var clusterId = new Option<string>("--cluster-id") { Description = "Silos with the same id in one membership database form a cluster.", DefaultValueFactory = _ => "agentrl" };
        var roles = new Option<string[]>("--role")
        {
            Description = "A role this silo offers placement (repeatable), e.g. --role learner on the machine with the GPU.",
            AllowMultipleArgumentsPerToken = true,
        };
        var listen = new Option<string>("--listen") { Description = "The address the gateway listens on (0.0.0.0 for other hosts).", DefaultValueFactory = _ => "127.0.0.1" };
        var advertise = new Option<string?>("--advertise") { Description = "The address other silos reach this one at, when it listens on every interface." };
        var name = new Option<string?>("--name") { Description = "The silo's name in the cluster (the machine's name by default)." };
        var device = new Option<string>("--device") { Description = "Where learners train and policy replicas sample: auto (a GPU when there is one), cpu, cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        device.Validators.Add(result =>
        {
            try
            {
                Device.Resolve(result.GetValueOrDefault<string>());
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                result.AddError(e.Message);
            }
        });
        var logLevel = new Option<LogLevel>("--log-level") { Description = "The least severe log messages to print.", DefaultValueFactory = _ => LogLevel.Warning };
        var command = new Command("silo", "Run a silo (storage in --data, a gateway on --port; --cluster-db to join a cluster) until Ctrl+C or SIGTERM.")
        {
            data, port, plugins, clusterDb, clusterId, roles, listen, advertise, name, device, logLevel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new EmbeddedSiloOptions
            {
                DataDirectory = parse.GetValue(data)!,
                GatewayPort = parse.GetValue(port),
                EnvironmentPluginFolder = parse.GetValue(plugins),
                ClusterDatabase = parse.GetValue(clusterDb),
                ClusterId = parse.GetValue(clusterId)!,
                ListenAddress = parse.GetValue(listen)!,
                AdvertisedAddress = parse.GetValue(advertise),
                LogLevel = parse.GetValue(logLevel),
                SiloName = parse.GetValue(name),
                Device = Device.Resolve(parse.GetValue(device)!).ToString(),
            };
            options.Roles.AddRange(parse.GetValue(roles) ?? []);
            await using var silo = await AgentClient.StartEmbeddedAsync(options, cancellationToken);
            Console.WriteLine($"silo ready: {silo.Description}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("silo stopping");
            }

            return 0;
        });
        return command;
    }
}
