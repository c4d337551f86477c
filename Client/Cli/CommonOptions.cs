using System.CommandLine;
using AgentRL.Client;

namespace AgentRL.Cli;

/// <summary>Options several commands share: where the grains run.</summary>
internal static class CommonOptions
{
    public static Option<string?> Gateway() => new("--gateway", "-g")
    {
        Description = "Connect to a running silo's gateway (host:port) instead of starting an embedded silo.",
    };

    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder of the embedded silo (SQLite).",
        DefaultValueFactory = _ => "data",
    };

    public static Task<AgentClient> ConnectAsync(string? gateway, string data, CancellationToken cancellationToken) =>
        gateway is null
            ? AgentClient.StartEmbeddedAsync(new EmbeddedSiloOptions { DataDirectory = data }, cancellationToken)
            : AgentClient.ConnectAsync([gateway], cancellationToken);
}
