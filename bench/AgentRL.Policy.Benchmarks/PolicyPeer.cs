using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentRL.Torch;

namespace AgentRL.Policy.Benchmarks;

/// <summary>What one run of peer_policy.py reports (its JSON, snake_case).</summary>
internal sealed record PeerResult(
    double GenerationSeconds,
    double TrainingMsPerStep,
    double[] WarmUpLosses,
    double MaxAbsLogitDifference,
    int GreedyTokensMatching,
    int GreedyTokensTotal,
    int GreedySequencesMatching,
    int Threads,
    string TorchVersion);

/// <summary>
/// Runs the PyTorch peer (peer_policy.py beside this binary) with Debian's interpreter, whose python3-torch is the same
/// libtorch 1.13, and the same thread count and malloc settings as this process.
/// </summary>
internal sealed class PolicyPeer(PeerFiles files, int threads, int generations, int steps, double learningRate, double weightDecay)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public PeerResult Run()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "peer_policy.py"));
        foreach (var (name, value) in new (string, object)[]
        {
            ("--weights", files.WeightsPath), ("--inputs", files.InputsPath), ("--threads", threads), ("--generations", generations),
            ("--steps", steps), ("--lr", learningRate), ("--weight-decay", weightDecay),
        })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
        }

        foreach (var (name, value) in TorchRuntime.AllocatorEnvironment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The PyTorch peer failed (is python3-torch installed? apt-get install python3-torch): {error.Result}");
        }

        return JsonSerializer.Deserialize<PeerResult>(output, s_json) ?? throw new InvalidDataException($"The PyTorch peer printed no result: {output}");
    }
}
