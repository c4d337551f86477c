using System.CommandLine;
using AgentRL.Client;

namespace AgentRL.Cli;

/// <summary>Options several commands share: where the grains run.</summary>
internal static class CommonOptions
{
    public static Option<string?> Gateway() => new("--cluster", "--gateway", "-g")
    {
        Description = "Use a running cluster through its gateways (host:port, several separated by commas: the client fails over " +
                      "between them) instead of starting an embedded silo.",
    };

    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder of the embedded silo (SQLite).",
        DefaultValueFactory = _ => "data",
    };

    public static Task<AgentClient> ConnectAsync(string? gateways, string data, CancellationToken cancellationToken) =>
        gateways is null
            ? AgentClient.StartEmbeddedAsync(new EmbeddedSiloOptions { DataDirectory = data }, cancellationToken)
            : AgentClient.ConnectAsync(Gateways(gateways), cancellationToken);

    /// <summary>"a:1, b:2" as ["a:1", "b:2"].</summary>
    public static IReadOnlyList<string> Gateways(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
