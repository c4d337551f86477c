using System.Diagnostics;

namespace AgentRL.Client.Diagnostics;

/// <summary>
/// Runs a call in a closed loop from N concurrent callers (after a warm-up, since tiered JIT makes short timings lie)
/// and reports calls/s and latency percentiles. Used by `agentrl ping` and the runtime benchmark.
/// </summary>
public static class CallRateMeter
{
    public sealed record Result(long Calls, double Seconds, double P50Microseconds, double P99Microseconds)
    {
        public double CallsPerSecond => Calls / Seconds;
    }

    public static async Task<Result> MeasureAsync(Func<int, Task> call, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        await RunAsync(call, concurrency, warmup, null, cancellationToken);
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            latencies[i] = new List<double>(1 << 16);
        }

        var clock = Stopwatch.StartNew();
        var calls = await RunAsync(call, concurrency, duration, latencies, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(calls, seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<long> RunAsync(Func<int, Task> call, int concurrency, TimeSpan duration, List<double>[]? latencies, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(caller => Task.Run(async () =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await call(caller);
                latencies?[caller].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                count++;
            }

            return count;
        }, cancellationToken)));
        return counts.Sum();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
