using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

// The plain loop (no grains) on the gridworld: train a tokenizer on expert text, clone a base model from a limited,
// noisy set of demonstrations (partial coverage), then run GRPO and print the validation success curve.
// Usage: dotnet run -c Release --project bench/AgentRL.Learning.Benchmarks [-- --minutes 15 --demos 60 --noise 0.3]
var minutes = Argument("--minutes", 15.0);
var demos = (int)Argument("--demos", 60);
var noise = Argument("--noise", 0.3);
var stepLimit = (int)Argument("--step-limit", 0);
TorchRuntime.Threads = Environment.ProcessorCount;
TorchRuntime.ManualSeed(1);
var clock = Stopwatch.StartNew();
Func<IEnvironment> environment = () => new GridworldEnvironment(new GridworldOptions { StepLimit = stepLimit });

var tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(environment(), 300), 512);
var context = new ContextPolicy(tokenizer, maxTurns: 2, maxTokens: 224);
var config = new PolicyConfig(tokenizer.VocabularySize, Dimension: 128, Layers: 3, Heads: 4, Hidden: 352, MaxSequenceLength: 256);
using var model = new PolicyModel(config);
var demonstrations = DemonstrationCollector.Collect(environment(), context, demos, noise, new DeterministicRandom(2));
var losses = BehaviourCloningTrainer.Train(model, demonstrations, new BehaviourCloningOptions { Epochs = 4, LearningRate = 2e-3 }, tokenizer.Special.Padding);
Console.WriteLine($"tokenizer {tokenizer.VocabularySize} tokens; model {model.ParameterCount:N0} parameters; {demonstrations.Count} demonstration turns from {demos} episodes (noise {noise}); BC loss {losses[0]:F3} -> {losses[^1]:F3}; {clock.Elapsed.TotalSeconds:F0} s");

var sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = 6 };
var runner = new EpisodeRunner(model, context, sampling);
var evaluator = new Evaluator(runner, environment);
double Success() => evaluator.Evaluate(TaskSplit.Validation, tasks: 100, samplesPerTask: 1, ks: [1], new DeterministicRandom(3)).SuccessRate;
var baseSuccess = Success();
Console.WriteLine($"base model: validation success {baseSuccess:P0} (sampling at T=1); {clock.Elapsed.TotalSeconds:F0} s");

using var reference = new PolicyModel(config);
reference.LoadStateDict(model.StateDict());
var options = new PpoOptions { Schedule = new LearningRateSchedule(3e-4, 2, 200), KlCoefficient = 1e-3, TokenBudget = 6144, Epochs = 2 };
using var trainer = new PolicyTrainer(model, reference, options, tokenizer.Special.Padding);
var estimator = new GrpoAdvantageEstimator();
var random = new DeterministicRandom(4);
var trainTasks = environment().Splits.TaskIds(TaskSplit.Train).ToList();
const int TasksPerIteration = 8, GroupSize = 8;
var environments = Enumerable.Range(0, TasksPerIteration * GroupSize).Select(_ => environment()).ToList();
var best = baseSuccess;
for (var iteration = 1; clock.Elapsed.TotalMinutes < minutes; iteration++)
{
    var tasks = Enumerable.Range(0, TasksPerIteration).Select(_ => trainTasks[random.Next(trainTasks.Count)]).ToList();
    var episodes = tasks.SelectMany((task, t) => Enumerable.Range(0, GroupSize).Select(g => (environments[t * GroupSize + g], task, g))).ToList();
    var phase = Stopwatch.StartNew();
    var trajectories = runner.Run(episodes, random, iteration);
    var rolloutSeconds = phase.Elapsed.TotalSeconds; phase.Restart();
    var groups = trajectories.Chunk(GroupSize).ToList();
    var advantages = groups.SelectMany(g => estimator.Estimate(g)).ToList();
    var metrics = trainer.Update(trajectories, advantages);
    var line = string.Create(CultureInfo.InvariantCulture,
        $"iteration {iteration,3}: rollout {rolloutSeconds:F1}s update {phase.Elapsed.TotalSeconds:F1}s turns {trajectories.Average(t => t.Turns.Count):F1} ctx {trajectories.SelectMany(t => t.Turns).Average(t => t.ContextTokens.Length):F0}; rollout success {trajectories.Average(t => t.Success ? 1.0 : 0.0):P0}, KL(ref) {metrics.KlToReference:F4}, entropy {metrics.Entropy:F3}, clip {metrics.ClipFraction:P1}, {metrics.Tokens} tokens");
    if (iteration % 5 == 0)
    {
        var success = Success();
        best = Math.Max(best, success);
        line += $" | validation success {success:P0}";
    }

    Console.WriteLine($"{line}; {clock.Elapsed.TotalSeconds:F0} s");
}

Console.WriteLine($"base {baseSuccess:P0} -> final {Success():P0} (best {best:P0}) in {clock.Elapsed.TotalMinutes:F1} min");

double Argument(string name, double fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
