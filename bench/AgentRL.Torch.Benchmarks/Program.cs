using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentRL.Torch;
using AgentRL.Torch.Benchmarks;
using AgentRL.Torch.Optim;

// Forward + backward + AdamW of one transformer block in AgentRL.Torch and in PyTorch (Debian's python3-torch, the same
// libtorch), run alternately in one command with the same thread count. Usage:
//   dotnet run -c Release --project bench/AgentRL.Torch.Benchmarks [-- --rounds 3 --steps 5]
const int Batch = 16, Length = 256, Dimension = 256, Heads = 4, Hidden = 1024;
var rounds = Argument("--rounds", 3);
var steps = Argument("--steps", 5);
// Intra-op threads on both sides (TorchRuntime's default, 1): matrix products use every core inside OpenBLAS anyway.
var threads = Argument("--threads", TorchRuntime.Threads);
TorchRuntime.Threads = threads;
TorchRuntime.ManualSeed(0);

using var block = new TransformerBlock(Dimension, Heads, Hidden);
using var optimizer = new AdamW(block.Parameters(), learningRate: 1e-4, weightDecay: 0.01);
using var input = Tensor.Randn([Batch, Length, Dimension]);

void Step()
{
    using var scope = DisposeScope.Begin();
    optimizer.ZeroGrad();
    block.Forward(input).Square().Mean().Backward();
    optimizer.Step();
}

double Ours()
{
    Step();
    Step();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < steps; i++)
    {
        Step();
    }

    return clock.Elapsed.TotalMilliseconds / steps;
}

double Peer()
{
    var script = Path.Combine(AppContext.BaseDirectory, "peer_block.py");
    var start = new ProcessStartInfo("/usr/bin/python3", $"{script} {Batch} {Length} {Dimension} {Heads} {Hidden} {steps} {threads}")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };

    foreach (var (name, value) in TorchRuntime.AllocatorEnvironment)
    {
        start.Environment[name] = value;
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"The PyTorch peer failed (is python3-torch installed? apt-get install python3-torch): {process.StandardError.ReadToEnd()}");
    }

    return JsonDocument.Parse(output).RootElement.GetProperty("ms_per_step").GetDouble();
}

// Forward FLOPs: 4 projections, QKᵀ and AV, the three MLP matrices; backward costs about twice the forward.
var forwardFlops = 8.0 * Batch * Length * Dimension * Dimension + 4.0 * Batch * Length * Length * Dimension + 6.0 * Batch * Length * Dimension * Hidden;
var stepFlops = 3 * forwardFlops;
Console.WriteLine($"transformer block d={Dimension}, {Heads} heads, seq {Length}, batch {Batch}, SwiGLU {Hidden}: forward+backward+AdamW, {threads} intra-op thread(s) and BLAS on {Environment.ProcessorCount} cores, {rounds} rounds of {steps} steps");
Console.WriteLine($"BLAS: {TorchRuntime.BlasLibrary ?? "unknown"}");
var ours = new List<double>();
var peers = new List<double>();
for (var round = 0; round < rounds; round++)
{
    ours.Add(Ours());
    peers.Add(Peer());
    Console.WriteLine($"round {round + 1}: AgentRL.Torch {ours[^1]:F1} ms/step, PyTorch {peers[^1]:F1} ms/step");
}

var ourMedian = Median(ours);
var peerMedian = Median(peers);
var achieved = stepFlops / (ourMedian / 1000) / 1e9;
var peak = PeakGflops(Environment.ProcessorCount);
Console.WriteLine($"median: AgentRL.Torch {ourMedian:F1} ms/step, PyTorch {peerMedian:F1} ms/step, ratio {ourMedian / peerMedian:F3} (target <= 1.10)");
Console.WriteLine($"achieved {achieved:F1} GFLOP/s ({stepFlops / 1e9:F1} GFLOP per step)" +
                  (peak is { } p ? $"; peak about {p:F0} GFLOP/s fp32 ({achieved / p:P0})" : ""));

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

// cores × clock × FLOPs per cycle (two FMA units: 32 fp32 FLOPs with AVX2, 64 with AVX-512).
static double? PeakGflops(int cores)
{
    try
    {
        var info = File.ReadAllText("/proc/cpuinfo");
        var mhz = info.Split('\n').Where(l => l.StartsWith("cpu MHz", StringComparison.Ordinal)).Select(l => double.Parse(l.Split(':')[1], CultureInfo.InvariantCulture)).FirstOrDefault();
        var perCycle = info.Contains(" avx512f", StringComparison.Ordinal) ? 64 : info.Contains(" fma", StringComparison.Ordinal) ? 32 : 16;
        return mhz > 0 ? cores * mhz / 1000 * perCycle : null;
    }
    catch (IOException)
    {
        return null;
    }
}
