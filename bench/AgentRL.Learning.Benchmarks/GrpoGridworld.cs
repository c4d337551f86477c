using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// The plain loop (no grains) on the gridworld: clone a base model from a limited, noisy set of demonstrations
/// (partial coverage), then run GRPO within a wall-clock budget and print the validation success curve.
/// </summary>
internal static class GrpoGridworld
{
    public static void Run(Arguments options)
    {
        var minutes = options.Get("--minutes", 15.0);
        var demos = options.Get("--demos", 60);
        var noise = options.Get("--noise", 0.5);
        var stepLimit = options.Get("--step-limit", 32);
        var contextTurns = options.Get("--context-turns", 1);
        var learningRate = options.Get("--lr", 5e-4);
        var iterations = options.Get("--iterations", int.MaxValue);
        var aggregation = options.Get("--trajectory-mean", 1) == 1 ? LossAggregation.TrajectoryMean : LossAggregation.TokenMean;
        var estimator = new GrpoAdvantageEstimator(scaleByStd: options.Get("--std", 1) == 1);
        var clock = Stopwatch.StartNew();
        Func<IEnvironment> environment = () => new GridworldEnvironment(new GridworldOptions { StepLimit = stepLimit });

        using var baseModel = BaseModelRecipe.Train(environment, demos, noise, contextTurns, contextTokens: 224);
        var (tokenizer, context, model) = (baseModel.Tokenizer, baseModel.Context, baseModel.Model);
        Console.WriteLine($"gridworld (single room, {stepLimit}-step limit); context: last {contextTurns} turn(s); GRPO {(estimator.ScaleByStd ? "mean-std" : "mean")} advantages, {aggregation} loss, lr {learningRate}");
        Console.WriteLine($"tokenizer {tokenizer.VocabularySize} tokens; model {model.ParameterCount:N0} parameters; {baseModel.DemonstrationTurns} demonstration turns from {demos} episodes (noise {noise}); BC loss {baseModel.Losses[0]:F3} -> {baseModel.Losses[^1]:F3}; {clock.Elapsed.TotalSeconds:F0} s");

        var sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = 6 };
        var runner = new EpisodeRunner(model, context, sampling);
        var evaluator = new Evaluator(runner, environment);
        var validationTasks = options.Get("--validation-tasks", 200);
        double Success() => evaluator.Evaluate(TaskSplit.Validation, validationTasks, samplesPerTask: 1, ks: [1], new DeterministicRandom(3), batchSize: 100).SuccessRate;
        var baseSuccess = Success();
        Console.WriteLine($"base model: validation success {baseSuccess:P0} ({validationTasks} tasks, sampling at T=1); {clock.Elapsed.TotalSeconds:F0} s");

        using var reference = new PolicyModel(model.Config);
        reference.LoadStateDict(model.StateDict());
        var ppo = new PpoOptions { Schedule = new LearningRateSchedule(learningRate, 2, 1000), KlCoefficient = 1e-3, TokenBudget = options.Get("--token-budget", 16384), Epochs = 1, Aggregation = aggregation };
        using var trainer = new PolicyTrainer(model, reference, ppo, tokenizer.Special.Padding);
        var random = new DeterministicRandom(4);
        var trainTasks = environment().Splits.TaskIds(TaskSplit.Train).ToList();
        const int TasksPerIteration = 8, GroupSize = 8;
        var environments = Enumerable.Range(0, TasksPerIteration * GroupSize).Select(_ => environment()).ToList();
        var best = baseSuccess;
        var grpoClock = Stopwatch.StartNew();
        for (var iteration = 1; iteration <= iterations && grpoClock.Elapsed.TotalMinutes < minutes; iteration++)
        {
            var phase = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, TasksPerIteration).Select(_ => trainTasks[random.Next(trainTasks.Count)]).ToList();
            var episodes = tasks.SelectMany((task, t) => Enumerable.Range(0, GroupSize).Select(g => (environments[t * GroupSize + g], task, g))).ToList();
            var trajectories = runner.Run(episodes, random, iteration);
            var rolloutSeconds = phase.Elapsed.TotalSeconds;
            phase.Restart();
            var advantages = trajectories.Chunk(GroupSize).SelectMany(g => estimator.Estimate(g)).ToList();
            var (kept, keptAdvantages) = DynamicSampling.DropUninformative(trajectories, advantages);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"iteration {iteration,3}: rollout success {trajectories.Average(t => t.Success ? 1.0 : 0.0),4:P0} ({rolloutSeconds:F0} s), trained on {kept.Count} of {trajectories.Count}");
            if (kept.Count > 0)
            {
                var metrics = trainer.Update(kept, keptAdvantages);
                line += string.Create(CultureInfo.InvariantCulture,
                    $", KL(ref) {metrics.KlToReference:F4}, entropy {metrics.Entropy:F3}, clip {metrics.ClipFraction:P1}, {metrics.MiniBatches} steps ({phase.Elapsed.TotalSeconds:F0} s)");
            }

            if (iteration % 5 == 0)
            {
                // Measuring is not training: the GRPO clock stops meanwhile.
                grpoClock.Stop();
                var success = Success();
                grpoClock.Start();
                best = Math.Max(best, success);
                line += $" | validation success {success:P0}";
            }

            Console.WriteLine($"{line}; GRPO {grpoClock.Elapsed.TotalSeconds:F0} s");
        }

        var finalSuccess = Success();
        Console.WriteLine($"base {baseSuccess:P0} -> final {finalSuccess:P0} (best {Math.Max(best, finalSuccess):P0}) after {grpoClock.Elapsed.TotalMinutes:F1} min of GRPO ({clock.Elapsed.TotalMinutes:F1} min in all)");
    }
}
