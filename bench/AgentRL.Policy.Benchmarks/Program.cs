using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Policy.Benchmarks;
using AgentRL.Torch;

// Generation and training throughput of the `small` policy preset in AgentRL (PolicySampler, TeacherForcing + AdamW)
// against the same model written in PyTorch (peer_policy.py, Debian's python3-torch: the same libtorch), with the
// same weights, inputs and thread count, alternately in one command. The peer first proves it is the same model: it
// reloads our weights and reports the largest logit difference on a fixed input and whether its greedy tokens agree.
// Both sides run under the same glibc malloc settings (the shim applies them to this process; the peer gets them as
// environment variables) and the same intra-op thread count (default 1: matrix products are parallel inside OpenBLAS
// either way). Usage:
//   dotnet run -c Release --project bench/AgentRL.Policy.Benchmarks [-- --rounds 3 --generations 2 --steps 3 --threads N]
const int Vocabulary = 512;
const int Prompts = 64, PromptLength = 64, NewTokens = 64;
const int Sequences = 16, SequenceLength = 256;
const int CheckRows = 4;
const double LearningRate = 1e-4, WeightDecay = 0.01;
var rounds = Argument("--rounds", 3);
var generations = Argument("--generations", 2);
var steps = Argument("--steps", 3);
var threads = Argument("--threads", 1);
TorchRuntime.Threads = threads;
TorchRuntime.ManualSeed(0);
var config = PolicyConfig.Small(Vocabulary);
using var model = new PolicyModel(config);
model.Eval();
var inputs = BenchmarkInputs.Create(Vocabulary, Prompts, PromptLength, Sequences, SequenceLength, seed: 1);

// Greedy decoding with no stop token: every prompt gets exactly NewTokens tokens, on both sides.
var sampling = new SamplingOptions { Greedy = true, MaxNewTokens = NewTokens };
GeneratedSequence[] Generate() => PolicySampler.Generate(model, inputs.Prompts, sampling, new DeterministicRandom(0));

double SecondsPerGeneration(int count)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        Generate();
    }

    return clock.Elapsed.TotalSeconds / count;
}

// The warm-up generation doubles as the reference the peer's greedy tokens are compared with.
var reference = Generate();
using var files = WritePeerFiles();
using var training = new TrainingWorkload(config, files.WeightsPath, inputs.TrainingSequences, LearningRate, WeightDecay);
double[] warmUpLosses = [training.Step(), training.Step()];
var peer = new PolicyPeer(files, threads, generations, steps, LearningRate, WeightDecay);

Console.WriteLine($"policy `small` (vocabulary {Vocabulary}, d={config.Dimension}, {config.Layers} layers, {config.Heads} heads, SwiGLU {config.Hidden}, tied head), " +
                  $"{model.ParameterCount:N0} parameters, {threads} intra-op thread(s) with BLAS on {Environment.ProcessorCount} cores, BLAS: {TorchRuntime.BlasLibrary ?? "unknown"}");
Console.WriteLine($"generation: {Prompts} prompts x {PromptLength} tokens, {NewTokens} new tokens each, greedy, KV cache; " +
                  $"tokens/s = {Prompts} x {NewTokens} / wall time (prefill included), mean of {generations} per round");
Console.WriteLine($"training: {Sequences} x {SequenceLength} tokens, teacher-forced log-prob loss, forward + backward + AdamW; " +
                  $"tokens/s = {training.TokensPerStep} / step time, mean of {steps} steps per round; {rounds} rounds, ours then PyTorch");

var ourGeneration = new List<double>();
var peerGeneration = new List<double>();
var ourTraining = new List<double>();
var peerTraining = new List<double>();
for (var round = 0; round < rounds; round++)
{
    var generation = SecondsPerGeneration(generations);
    var step = training.MillisecondsPerStep(steps);
    var result = peer.Run();
    if (round == 0)
    {
        ReportAgreement(result);
    }

    ourGeneration.Add(GenerationRate(generation));
    peerGeneration.Add(GenerationRate(result.GenerationSeconds));
    ourTraining.Add(TrainingRate(step));
    peerTraining.Add(TrainingRate(result.TrainingMsPerStep));
    Console.WriteLine($"round {round + 1}: generation AgentRL {ourGeneration[^1]:N0} tok/s, PyTorch {peerGeneration[^1]:N0} tok/s; " +
                      $"training AgentRL {ourTraining[^1]:N0} tok/s, PyTorch {peerTraining[^1]:N0} tok/s");
}

Report("generation (batch 64, KV cache)", Median(ourGeneration), Median(peerGeneration));
Report("training (16 x 256, fwd+bwd+AdamW)", Median(ourTraining), Median(peerTraining));

PeerFiles WritePeerFiles()
{
    using var scope = DisposeScope.Begin();
    using var noGrad = new NoGrad();
    var checkTokens = BenchmarkInputs.ToTensor(inputs.Prompts.Take(CheckRows).ToList());
    return PeerFiles.Write(model, new Dictionary<string, Tensor>
    {
        ["prompts"] = BenchmarkInputs.ToTensor(inputs.Prompts),
        ["training_tokens"] = BenchmarkInputs.ToTensor(inputs.TrainingSequences),
        ["check_tokens"] = checkTokens,
        ["check_logits"] = model.Forward(checkTokens),
        ["greedy_tokens"] = BenchmarkInputs.ToTensor(reference.Select(s => s.Tokens).ToList()),
    });
}

void ReportAgreement(PeerResult result)
{
    Console.WriteLine($"same model: max |logit difference| {result.MaxAbsLogitDifference:G3} on {CheckRows} x {PromptLength} tokens; " +
                      $"greedy tokens agree {result.GreedyTokensMatching}/{result.GreedyTokensTotal} ({result.GreedySequencesMatching}/{Prompts} sequences whole); " +
                      $"PyTorch {result.TorchVersion} on {result.Threads} threads");
    var losses = string.Join(", ", warmUpLosses.Zip(result.WarmUpLosses, (o, p) => $"{o:F6} vs {p:F6}"));
    var worst = warmUpLosses.Zip(result.WarmUpLosses, (o, p) => Math.Abs(o - p)).Max();
    Console.WriteLine($"same training step: first losses AgentRL vs PyTorch {losses} (max difference {worst:G3})");
}

double GenerationRate(double seconds) => Prompts * NewTokens / seconds;

double TrainingRate(double milliseconds) => training.TokensPerStep / (milliseconds / 1000);

static void Report(string what, double ours, double theirs) =>
    Console.WriteLine($"median {what}: AgentRL {ours:N0} tok/s, PyTorch {theirs:N0} tok/s, ratio {ours / theirs:F3} (target >= 0.8)");

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
