using System.Diagnostics;
using System.Globalization;
using System.Text;
using AgentRL.Client.Reports;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Reinforcement.Archer;
using AgentRL.Learning.Reinforcement.Igpo;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// The sample-efficiency comparison (issue 7): every method trains a copy of the same behaviour-cloned base model with the
/// plain loop, on the same seeds (a seed fixes the task sequence and the sampler) and the same episode budget, and its
/// validation success is measured every so many episodes. Prints each method's curve against episodes, the episodes it
/// took to reach the target success, and its success at the budget, as a table; writes the curves as CSV and an SVG plot.
/// </summary>
internal static class SampleEfficiency
{
    private static readonly string[] Colours = ["#1f6feb", "#d73a49", "#2da44e", "#bf8700", "#8250df", "#57606a"];

    public static void Run(Arguments options)
    {
        var recipe = ComparisonRecipe.For(options.Text("--env", "search"), options);
        var methods = options.Text("--methods", recipe.Methods).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seeds = options.Get("--seeds", 3);
        // --first-seed S runs seeds S..S+seeds-1, so one comparison can be split over processes (plot --csv joins them).
        var firstSeed = options.Get("--first-seed", 1);
        var settings = new LoopSettings(
            TasksPerIteration: options.Get("--tasks", 8),
            GroupSize: options.Get("--group", 8),
            Budget: options.Get("--episodes", 640),
            EvaluateEvery: options.Get("--evaluate-every", 128),
            ValidationTasks: options.Get("--validation-tasks", 100),
            LearningRate: options.Get("--lr", 5e-4),
            Kl: options.Get("--kl", 0.04),
            TokenBudget: options.Get("--token-budget", 16384),
            Igpo: new IgpoOptions { Epsilon = options.Get("--igpo-epsilon", GroupBaselines.Epsilon) },
            Oprl: new OprlOptions { LearningRate = options.Get("--prm-lr", 1e-4), StepsPerUpdate = options.Get("--prm-steps", 1) },
            Archer: new ArcherOptions { CriticStepsPerUpdate = options.Get("--critic-steps", 50), CriticLearningRate = options.Get("--critic-lr", 3e-4), WarmupUpdates = options.Get("--warmup", 2) });
        var output = options.Text("--out", Path.Combine("artifacts", "bench"));
        var metric = Metric.Parse(options.Text("--metric", "success"));
        var clock = Stopwatch.StartNew();

        var cache = options.Text("--base-cache", "");
        using var loaded = BaseModelCache.LoadOrTrain(cache, () => BaseModelRecipe.Train(recipe.Training, recipe.BaseModel, BaseModelCache.Progress()), recipe.BaseModel.Device);
        // --continue-epochs N clones the base N more epochs (a fresh schedule) and keeps the result in the cache.
        var continueEpochs = options.Get("--continue-epochs", 0);
        var baseModel = loaded;
        if (continueEpochs > 0)
        {
            baseModel = BaseModelRecipe.Continue(recipe.Training, loaded, recipe.BaseModel with { Epochs = continueEpochs }, BaseModelCache.Progress());
            BaseModelCache.Save(cache, baseModel);
        }

        var maxActionTokens = baseModel.LongestAction + 2;
        var start = Validate(baseModel.Model, baseModel.Context, recipe, settings.ValidationTasks, maxActionTokens);
        var (config, context) = (baseModel.Model.Config, baseModel.Context);
        var shape = $"{config.Dimension}-wide x {config.Layers} layers on {baseModel.Model.Device}, context {context.MaxTurns} turn(s) / {context.MaxTokens} tokens";
        var losses = string.Join(" ", baseModel.Losses.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)));
        var origin = baseModel.Losses.Count == 0
            ? $"base model loaded ({shape})"
            : string.Create(CultureInfo.InvariantCulture,
                $"base model from {recipe.BaseModel.Demonstrations} demonstrations (noise {recipe.BaseModel.ActionNoise}, {(continueEpochs > 0 ? $"{continueEpochs} more epochs" : $"{recipe.BaseModel.Epochs} epochs")}, {shape}; cloning loss by epoch {losses})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{recipe.Environment}: {origin}: validation success {start.Success:P0}, score {start.Score:F2} ({settings.ValidationTasks} tasks, T = 1); {clock.Elapsed.TotalSeconds:F0} s"));
        // --show-episodes N prints the base model's first N validation episodes, turn by turn.
        if (options.Get("--show-episodes", 0) is > 0 and var shown)
        {
            var runner = new EpisodeRunner(baseModel.Model, baseModel.Context, new SamplingOptions { Temperature = 1.0, MaxNewTokens = maxActionTokens });
            EpisodeTranscripts.PrintValidation(runner, recipe.Evaluation, shown, baseModel.Context.Tokenizer, options.Get("--show-chars", 400));
        }

        Console.WriteLine($"methods {string.Join(", ", methods)}; seeds {firstSeed}..{firstSeed + seeds - 1}; {settings.TasksPerIteration} tasks × {settings.GroupSize} rollouts per iteration; budget {settings.Budget} episodes; validation every {settings.EvaluateEvery} episodes; target {recipe.Target:P0}");

        var curves = new List<Curve>();
        foreach (var method in methods)
        {
            for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
            {
                curves.Add(Train(method, seed, recipe, baseModel, settings, start, maxActionTokens));
            }
        }

        PrintTable(curves, methods, recipe.Target, metric);
        Directory.CreateDirectory(output);
        var name = $"sample-efficiency-{recipe.Environment}";
        File.WriteAllText(Path.Combine(output, name + ".csv"), Csv(curves));
        File.WriteAllText(Path.Combine(output, name + ".svg"), Plot(curves, methods, recipe.Environment, recipe.Target, metric));
        Console.WriteLine($"wrote {Path.Combine(output, name)}.csv and .svg; {clock.Elapsed.TotalMinutes:F1} min in all");
    }

    /// <summary>One method on one seed: a copy of the base model trained until the budget is spent.</summary>
    private static Curve Train(string method, int seed, ComparisonRecipe recipe, BaseModel baseModel, LoopSettings settings, Point start, int maxActionTokens)
    {
        var clock = Stopwatch.StartNew();
        TorchRuntime.ManualSeed((ulong)seed);
        var (context, tokenizer) = (baseModel.Context, baseModel.Context.Tokenizer);
        using var training = new TrainingFromBase(baseModel, settings.LearningRate, settings.Kl, settings.TokenBudget);
        var (model, trainer) = (training.Model, training.Trainer);
        var sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = maxActionTokens };
        using var learned = AdvantageEstimators.IsLearned(method)
            ? AdvantageEstimators.CreateLearned(method, model,
                sampling with { StopTokens = new HashSet<int> { tokenizer.Special.EndOfAction }, PaddingToken = tokenizer.Special.Padding },
                settings.Oprl with { TokenBudget = settings.TokenBudget },
                settings.Archer with { TokenBudget = settings.TokenBudget, Seed = seed })
            : null;
        var estimator = learned ?? AdvantageEstimators.Create(method, igpo: settings.Igpo with { AnswerPrefix = recipe.AnswerPrefix });
        var runner = new EpisodeRunner(model, context, sampling, AdvantageEstimators.NeedsGroundTruth(method) ? new GroundTruthProbe(tokenizer, recipe.AnswerPrefix) : null);
        var taskRandom = new DeterministicRandom((ulong)seed);
        var sampler = new DeterministicRandom(1000 + (ulong)seed);
        var trainTasks = recipe.Training().Splits.TaskIds(TaskSplit.Train).ToList();
        var environments = Enumerable.Range(0, settings.TasksPerIteration * settings.GroupSize).Select(_ => recipe.Training()).ToList();
        var points = new List<Point> { start };
        var (episodes, nextEvaluation) = (0, settings.EvaluateEvery);
        for (var iteration = 1; episodes < settings.Budget; iteration++)
        {
            // A group shares its start (task and seed): its rollouts are compared with each other.
            var episodeStarts = Enumerable.Range(0, settings.TasksPerIteration)
                .Select(_ => (Task: trainTasks[taskRandom.Next(trainTasks.Count)], Seed: taskRandom.Next(1 << 20))).ToList();
            var batch = episodeStarts.SelectMany((s, t) => Enumerable.Range(0, settings.GroupSize).Select(g => (environments[t * settings.GroupSize + g], s.Task, s.Seed))).ToList();
            var trajectories = runner.Run(batch, sampler, iteration);
            var (trained, _, diagnostics) = GroupedUpdate.Apply(trainer, estimator, trajectories, settings.GroupSize);
            episodes += trajectories.Count;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  {method} seed {seed} iteration {iteration,2}: {episodes,5} episodes, rollout success {trajectories.Average(t => t.Success ? 1.0 : 0.0),4:P0}, trained on {trained}");
            line += string.Concat(diagnostics.Select(d => string.Create(CultureInfo.InvariantCulture, $", {d.Key} {d.Value:G3}")));
            if (episodes >= nextEvaluation || episodes >= settings.Budget)
            {
                var point = Validate(model, context, recipe, settings.ValidationTasks, maxActionTokens) with { Episodes = episodes };
                points.Add(point);
                nextEvaluation += settings.EvaluateEvery;
                line += string.Create(CultureInfo.InvariantCulture, $" | validation success {point.Success:P0}, score {point.Score:F2}");
            }

            Console.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $"; {clock.Elapsed.TotalSeconds:F0} s"));
        }

        return new Curve(method, seed, points, clock.Elapsed.TotalMinutes);
    }

    private static Point Validate(PolicyModel model, ContextPolicy context, ComparisonRecipe recipe, int tasks, int maxActionTokens)
    {
        var evaluator = new Evaluator(new EpisodeRunner(model, context, new SamplingOptions { Temperature = 1.0, MaxNewTokens = maxActionTokens }), recipe.Evaluation);
        // The same sampler stream for every evaluation: methods are compared on the same draws.
        var report = evaluator.Evaluate(TaskSplit.Validation, tasks, samplesPerTask: 1, ks: [1], new DeterministicRandom(3), batchSize: Math.Min(tasks, 100));
        return new Point(0, report.SuccessRate, report.MeanScore);
    }

    private static void PrintTable(IReadOnlyList<Curve> curves, IReadOnlyList<string> methods, double target, Metric metric)
    {
        var checkpoints = curves[0].Points.Select(p => p.Episodes).ToList();
        Console.WriteLine();
        Console.WriteLine($"mean validation {metric.Name} over seeds, by episodes trained (target {target:P0}):");
        Console.WriteLine($"{"method",-8} {string.Join(" ", checkpoints.Select(e => $"{e,6}"))}   episodes to target (per seed)   {metric.Name} at budget (mean ± sd)   minutes per run");
        foreach (var method in methods)
        {
            var runs = curves.Where(c => c.Method == method).ToList();
            var means = checkpoints.Select(e => runs.Average(r => r.Points.FirstOrDefault(p => p.Episodes == e) is { } p ? metric.Of(p) : double.NaN));
            var toTarget = runs.Select(r => r.EpisodesTo(target, metric)).ToList();
            var finals = runs.Select(r => metric.Of(r.Points[^1])).ToList();
            var spread = Math.Sqrt(finals.Sum(f => (f - finals.Average()) * (f - finals.Average())) / Math.Max(1, finals.Count - 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method,-8} {string.Join(" ", means.Select(m => $"{m,6:P0}"))}   {string.Join(", ", toTarget.Select(t => t?.ToString(CultureInfo.InvariantCulture) ?? "–")),-30}  {finals.Average(),6:P1} ± {spread:P1}                {runs.Average(r => r.Minutes),5:F1}"));
        }
    }

    private static string Csv(IEnumerable<Curve> curves)
    {
        // The minutes of the run repeat on its every row, so a table printed again from the CSV has them (older CSVs lack them).
        var csv = new StringBuilder("method,seed,episodes,success,score,minutes\n");
        foreach (var curve in curves)
        {
            foreach (var point in curve.Points)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{curve.Method},{curve.Seed},{point.Episodes},{point.Success},{point.Score},{curve.Minutes}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// Prints the table of a CSV that <see cref="Run"/> wrote and draws its curves again as an SVG beside it: after a
    /// change to the plot, or to join the CSVs of one comparison split over processes (<c>--first-seed</c>).
    /// </summary>
    public static void Replot(Arguments options)
    {
        var path = options.Text("--csv", "");
        var rows = File.ReadAllLines(path).Skip(1).Select(line => line.Split(',')).ToList();
        var curves = rows.GroupBy(r => (Method: r[0], Seed: int.Parse(r[1], CultureInfo.InvariantCulture)))
            .Select(g => new Curve(g.Key.Method, g.Key.Seed, g.Select(r => new Point(
                int.Parse(r[2], CultureInfo.InvariantCulture), double.Parse(r[3], CultureInfo.InvariantCulture), double.Parse(r[4], CultureInfo.InvariantCulture))).ToList(),
                g.First().Length > 5 ? double.Parse(g.First()[5], CultureInfo.InvariantCulture) : 0))
            .ToList();
        var methods = curves.Select(c => c.Method).Distinct().ToList();
        var (target, metric) = (options.Get("--target", 0.5), Metric.Parse(options.Text("--metric", "success")));
        PrintTable(curves, methods, target, metric);
        var svg = Path.ChangeExtension(path, ".svg");
        File.WriteAllText(svg, Plot(curves, methods, options.Text("--env", "?"), target, metric));
        Console.WriteLine($"wrote {svg}");
    }

    /// <summary>
    /// Each method's mean curve (bold) over its seeds' curves (faint), with the target as a dashed level; the y axis spans
    /// the measured values and the target, to the nearest tenth.
    /// </summary>
    private static string Plot(IReadOnlyList<Curve> curves, IReadOnlyList<string> methods, string environment, double target, Metric metric)
    {
        var series = new List<ChartSeries>();
        for (var m = 0; m < methods.Count; m++)
        {
            var colour = Colours[m % Colours.Length];
            var runs = curves.Where(c => c.Method == methods[m]).ToList();
            series.AddRange(runs.Select(r => new ChartSeries($"{r.Method} seed {r.Seed}", r.Points.Select(p => ((double)p.Episodes, metric.Of(p))).ToList(), colour)
            {
                StrokeWidth = 1, Opacity = 0.35, Markers = false, InLegend = false,
            }));
            var mean = runs[0].Points.Select((p, i) => ((double)p.Episodes, runs.Average(r => metric.Of(r.Points[i])))).ToList();
            series.Add(new ChartSeries($"{methods[m]} (mean of {runs.Count})", mean, colour) { StrokeWidth = 2.5 });
        }

        var values = curves.SelectMany(c => c.Points.Select(metric.Of)).Append(target).ToList();
        var (low, high) = (Math.Max(0, Math.Floor((values.Min() - 0.02) * 10) / 10), Math.Min(1, Math.Ceiling((values.Max() + 0.02) * 10) / 10));
        return SvgLineChart.Render(series, "episodes", low, high, $"{environment}: validation {metric.Name} against training episodes", target);
    }

    private sealed record LoopSettings(
        int TasksPerIteration, int GroupSize, int Budget, int EvaluateEvery, int ValidationTasks, double LearningRate, double Kl, int TokenBudget, IgpoOptions Igpo, OprlOptions Oprl, ArcherOptions Archer);

    private sealed record Point(int Episodes, double Success, double Score);

    private sealed record Curve(string Method, int Seed, IReadOnlyList<Point> Points, double Minutes)
    {
        /// <summary>The episodes trained when the validation metric first reached <paramref name="target"/>; null if it never did.</summary>
        public int? EpisodesTo(double target, Metric metric) => Points.FirstOrDefault(p => metric.Of(p) >= target)?.Episodes;
    }

    /// <summary>
    /// What the table and plot compare: success (the default) or the mean score, which the shop reports as WebShop does,
    /// since a purchase that matches some of what was asked scores between 0 and 1.
    /// </summary>
    private sealed record Metric(string Name, Func<Point, double> Of)
    {
        public static Metric Parse(string name) => name switch
        {
            "success" => new(name, p => p.Success),
            "score" => new(name, p => p.Score),
            _ => throw new ArgumentException($"Unknown metric '{name}': use success or score."),
        };
    }
}
