using System.CommandLine;
using AgentRL.Client;

namespace AgentRL.Cli;

/// <summary>`agentrl silo`: runs a silo in this process (SQLite storage, a gateway for clients) until stopped.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var port = new Option<int>("--port", "-p") { Description = "Gateway port for clients (0 picks a free one).", DefaultValueFactory = _ => 30000 };
        var plugins = new Option<string?>("--plugins") { Description = "A folder of plug-in environment assemblies." };
        var command = new Command("silo", "Run a silo (SQLite storage in --data, a gateway on --port) until Ctrl+C or SIGTERM.") { data, port, plugins };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new EmbeddedSiloOptions
            {
                DataDirectory = parse.GetValue(data)!,
                GatewayPort = parse.GetValue(port),
                EnvironmentPluginFolder = parse.GetValue(plugins),
            };
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
