using System.CommandLine;
using AgentRL.Client.Diagnostics;
using AgentRL.Grains.Demo;

namespace AgentRL.Cli;

/// <summary>`agentrl ping`: measures grain call throughput and latency against a silo (or an embedded one).</summary>
internal static class PingCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Calls in flight.", DefaultValueFactory = _ => 64 };
        var seconds = new Option<double>("--seconds") { Description = "Measured duration.", DefaultValueFactory = _ => 3 };
        var command = new Command("ping", "Measure grain calls/s and latency (p50/p99).") { gateway, data, concurrency, seconds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(gateway), parse.GetValue(data)!, cancellationToken);
            var inFlight = Math.Max(1, parse.GetValue(concurrency));
            var result = await CallRateMeter.MeasureAsync(
                caller => client.Grains.GetGrain<IPingGrain>(caller).Ping(caller),
                inFlight, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(parse.GetValue(seconds)), cancellationToken);
            Console.WriteLine($"{client.Description}: {result.CallsPerSecond:N0} calls/s with {inFlight} in flight; " +
                              $"p50 {result.P50Microseconds:N1} µs, p99 {result.P99Microseconds:N1} µs ({result.Calls:N0} calls)");
            return 0;
        });
        return command;
    }
}
