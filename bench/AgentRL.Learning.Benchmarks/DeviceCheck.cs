using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Torch;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// Checks the policy on an accelerator against the CPU and measures it there: the same weights on both devices must
/// give the same teacher-forced log-probabilities (to float tolerance), the same greedy tokens, and the same weights
/// after the same cloning steps; then generation (batch 64, KV cache) and training throughput per preset. Exits non-zero
/// when a difference is past its tolerance, so a script can stop on it.
/// </summary>
internal static class DeviceCheck
{
    private const int Vocabulary = 512;

    public static int Run(Arguments options)
    {
        var device = Device.Resolve(options.Text("--device", "auto"));
        Console.WriteLine($"libtorch sees {TorchRuntime.CudaDeviceCount} CUDA device(s); checking {device} against the CPU");
        if (device.Type == DeviceType.Cpu)
        {
            Console.WriteLine("nothing to compare: the device is the CPU");
            return 1;
        }

        var failures = Agreement(device, options.Text("--check-preset", "small"));
        foreach (var preset in options.Text("--presets", "compact,small,base").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Throughput(device, preset, options.Get("--rounds", 3));
        }

        Console.WriteLine(failures == 0 ? "device check passed" : $"device check FAILED: {failures} difference(s) past tolerance");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The same model and inputs on both devices; returns how many comparisons were past tolerance.</summary>
    private static int Agreement(Device device, string preset)
    {
        TorchRuntime.ManualSeed(7);
        var config = PolicyConfig.FromPreset(preset, Vocabulary, 512);
        using var cpu = new PolicyModel(config);
        using var gpu = new PolicyModel(config);
        gpu.To(device);
        gpu.LoadStateDict(cpu.StateDict());
        cpu.Eval();
        gpu.Eval();
        var random = new DeterministicRandom(11);
        int[] Row(int length) => Enumerable.Range(0, length).Select(_ => 1 + random.Next(Vocabulary - 1)).ToArray();
        // Ragged prompts, so left padding and its mask are exercised too.
        var prompts = Enumerable.Range(0, 24).Select(i => Row(40 + (i * 7 % 60))).ToList();
        var continuations = Enumerable.Range(0, 24).Select(i => Row(4 + (i % 9))).ToList();
        var failures = 0;

        var cpuScores = TeacherForcing.Score(cpu, prompts, continuations, 1.0, paddingToken: 0);
        var gpuScores = TeacherForcing.Score(gpu, prompts, continuations, 1.0, paddingToken: 0);
        var logProbGap = cpuScores.Zip(gpuScores, (a, b) => a.LogProbs.Zip(b.LogProbs, (x, y) => Math.Abs(x - y)).Max()).Max();
        failures += Report("teacher-forced log-probs, largest |CPU − device|", logProbGap, 2e-3);

        var sampling = new SamplingOptions { Greedy = true, MaxNewTokens = 24 };
        var cpuTokens = PolicySampler.Generate(cpu, prompts, sampling, new DeterministicRandom(0));
        var gpuTokens = PolicySampler.Generate(gpu, prompts, sampling, new DeterministicRandom(0));
        var same = cpuTokens.Zip(gpuTokens).Count(p => p.First.Tokens.SequenceEqual(p.Second.Tokens));
        Console.WriteLine($"  greedy generation, 24 prompts x 24 tokens: {same}/24 sequences identical on both devices");
        // Near-ties in an untrained model's logits may break differently in float arithmetic: allow a few.
        failures += same >= 20 ? 0 : 1;

        var demonstrations = prompts.Zip(continuations, (p, c) => new Demonstration(p, c)).ToList();
        var cloning = new BehaviourCloningOptions { Epochs = 2, BatchSize = 8, Seed = 3 };
        var cpuLosses = BehaviourCloningTrainer.Train(cpu, demonstrations, cloning, paddingToken: 0);
        var gpuLosses = BehaviourCloningTrainer.Train(gpu, demonstrations, cloning, paddingToken: 0);
        failures += Report("cloning losses (2 epochs x 3 steps), largest |CPU − device|", cpuLosses.Zip(gpuLosses, (a, b) => Math.Abs(a - b)).Max(), 1e-3);
        var gpuWeights = gpu.StateDict();
        var weightGap = cpu.StateDict().Max(p =>
        {
            using var onHost = gpuWeights[p.Key].To(Device.Cpu);
            return p.Value.ToArray<float>().Zip(onHost.ToArray<float>(), (x, y) => Math.Abs(x - y)).Max();
        });
        failures += Report("weights after the same cloning steps, largest |CPU − device|", weightGap, 1e-3);
        return failures;
    }

    private static int Report(string what, double gap, double tolerance)
    {
        var ok = gap <= tolerance;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {gap:G3} (tolerance {tolerance:G3}) {(ok ? "ok" : "FAILED")}"));
        return ok ? 0 : 1;
    }

    /// <summary>Generation (64 prompts of 64 tokens, 64 new tokens, greedy, KV cache) and cloning steps (16 x 256 tokens).</summary>
    private static void Throughput(Device device, string preset, int rounds)
    {
        TorchRuntime.ManualSeed(1);
        var config = PolicyConfig.FromPreset(preset, Vocabulary, 512);
        using var model = new PolicyModel(config);
        model.To(device);
        model.Eval();
        var random = new DeterministicRandom(5);
        int[] Row(int length) => Enumerable.Range(0, length).Select(_ => 1 + random.Next(Vocabulary - 1)).ToArray();
        var prompts = Enumerable.Range(0, 64).Select(_ => Row(64)).ToList();
        var sampling = new SamplingOptions { Greedy = true, MaxNewTokens = 64 };
        PolicySampler.Generate(model, prompts, sampling, new DeterministicRandom(0));
        var generation = Enumerable.Range(0, rounds).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            PolicySampler.Generate(model, prompts, sampling, new DeterministicRandom(0));
            return 64 * 64 / clock.Elapsed.TotalSeconds;
        }).ToList();

        var sequences = Enumerable.Range(0, 16).Select(_ => new Demonstration(Row(1), Row(255))).ToList();
        var cloning = new BehaviourCloningOptions { Epochs = 1, BatchSize = 16 };
        BehaviourCloningTrainer.Train(model, sequences, cloning, paddingToken: 0);
        var training = Enumerable.Range(0, rounds).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            // Train reads the loss back every step (Item), so the clock stops after the device has finished.
            BehaviourCloningTrainer.Train(model, sequences, cloning with { Epochs = 4 }, paddingToken: 0);
            return 4 * 16 * 256 / clock.Elapsed.TotalSeconds;
        }).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {preset,-8} ({model.ParameterCount / 1e6:F1} M parameters) on {device}: generation {Median(generation):N0} tok/s (batch 64, KV cache), training {Median(training):N0} tok/s (16 x 256 tokens per step); median of {rounds}"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
