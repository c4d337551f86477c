using System.Diagnostics;
using System.Globalization;
using System.Text;
using AgentRL.Client.Reports;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// Issue 8's comparison on the gridworld's hard-exploration preset from a weak base model: GRPO alone, GRPO with
/// Go-Explore (a fraction of each iteration's groups return to archive cells and explore from there), GRPO with the
/// representation bonus (gated to groups with a success, as specified, or ungated: "novelty"), and both, on the same seeds, training levels and episode budget. Every training episode may take
/// at most <c>--explore-turns</c> turns wherever it starts (the training levels' own step limit is raised to
/// <c>--train-step-limit</c> so that it does not cut off returns to deep cells). Prints and plots, against episodes: distinct cells discovered
/// (over all training episodes, whichever method), training episodes that reached the goal, and validation success from
/// the levels' starts with the full step limit.
/// </summary>
internal static class GoExploreComparison
{
    private static readonly string[] Colours = ["#1f6feb", "#d73a49", "#2da44e", "#bf8700"];

    public static void Run(Arguments options)
    {
        var methods = options.Text("--methods", "grpo,go-explore,novelty,go-explore+bonus").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var method in methods.Where(m => m is not ("grpo" or "go-explore" or "bonus" or "novelty" or "go-explore+bonus")))
        {
            throw new ArgumentException($"Unknown method '{method}': use grpo, go-explore, bonus, novelty or go-explore+bonus.");
        }

        var settings = new Settings(
            Seeds: options.Get("--seeds", 3),
            Budget: options.Get("--episodes", 1024),
            TasksPerIteration: options.Get("--tasks", 4),
            GroupSize: options.Get("--group", 8),
            TrainingLevels: options.Get("--levels", 8),
            ExploreTurns: options.Get("--explore-turns", 64),
            ExploreFraction: options.Get("--explore-fraction", 0.75),
            EvaluateEvery: options.Get("--evaluate-every", 512),
            ValidationTasks: options.Get("--validation-tasks", 40),
            LearningRate: options.Get("--lr", 5e-4),
            Kl: options.Get("--kl", 0.04),
            BonusCoefficient: options.Get("--bonus", 0.01),
            TrainStepLimit: options.Get("--train-step-limit", 2048));
        var output = options.Text("--out", Path.Combine("artifacts", "bench"));
        var name = options.Text("--name", "go-explore-gridworld-hard");
        var clock = Stopwatch.StartNew();
        var recipe = new BaseModelOptions
        {
            Demonstrations = options.Get("--demos", 100),
            ActionNoise = options.Get("--noise", 0.3),
            Epochs = options.Get("--bc-epochs", 4),
            Preset = options.Text("--preset", "compact"),
            TokenizerEpisodes = 100,
        };
        var hard = GridworldOptions.Hard;
        using var baseModel = BaseModelCache.LoadOrTrain(options.Text("--base-cache", ""), () => BaseModelRecipe.Train(() => new GridworldEnvironment(hard), recipe));
        var maxActionTokens = baseModel.LongestAction + 2;
        var expertSteps = ExpertSteps(hard, settings.ValidationTasks);
        var start = Validate(baseModel.Model, baseModel.Context, hard, settings.ValidationTasks, maxActionTokens);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gridworld-hard (step limit {hard.EffectiveStepLimit}; the expert needs {expertSteps.Average():F0} steps on average, {expertSteps.Min()}–{expertSteps.Max()}): base model from {recipe.Demonstrations} demonstrations (noise {recipe.ActionNoise}, {recipe.Epochs} epochs, {recipe.Preset}): validation success {start:P0} on {settings.ValidationTasks} tasks; {clock.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"methods {string.Join(", ", methods)}; seeds 1..{settings.Seeds}; {settings.TrainingLevels} training levels; {settings.TasksPerIteration} groups × {settings.GroupSize} per iteration, at most {settings.ExploreTurns} turns per training episode; Go-Explore starts {settings.ExploreFraction:P0} of the groups from archive cells; budget {settings.Budget} episodes"));

        var runs = new List<MethodRun>();
        foreach (var method in methods)
        {
            for (var seed = 1; seed <= settings.Seeds; seed++)
            {
                runs.Add(Train(method, seed, baseModel, hard, settings, start, maxActionTokens));
                // Written after every run, so a long comparison cut short keeps what it measured.
                Directory.CreateDirectory(output);
                File.WriteAllText(Path.Combine(output, name + ".csv"), Csv(runs));
            }
        }

        PrintTable(runs, methods);
        File.WriteAllText(Path.Combine(output, name + "-cells.svg"),
            Plot(runs, methods, p => p.Cells, "distinct cells discovered against training episodes", runs.Max(r => r.Points[^1].Cells) * 1.05));
        File.WriteAllText(Path.Combine(output, name + "-goals.svg"),
            Plot(runs, methods, p => p.Goals, "training episodes that reached the goal, cumulative", Math.Max(1, runs.Max(r => r.Points[^1].Goals) * 1.05)));
        File.WriteAllText(Path.Combine(output, name + "-rooms.svg"),
            Plot(runs, methods, p => p.Rooms, "rooms reached per training level (4: the goal's)", 4));
        Console.WriteLine($"wrote {Path.Combine(output, name)}.csv, -cells.svg, -goals.svg and -rooms.svg; {clock.Elapsed.TotalMinutes:F1} min in all");
    }

    private static MethodRun Train(string method, int seed, BaseModel baseModel, GridworldOptions hard, Settings settings, double start, int maxActionTokens)
    {
        var clock = Stopwatch.StartNew();
        TorchRuntime.ManualSeed((ulong)seed);
        var (context, tokenizer) = (baseModel.Context, baseModel.Context.Tokenizer);
        using var training = new TrainingFromBase(baseModel, settings.LearningRate, settings.Kl, tokenBudget: 16384);
        var (model, trainer) = (training.Model, training.Trainer);
        var runner = new EpisodeRunner(model, context, new SamplingOptions { Temperature = 1.0, MaxNewTokens = maxActionTokens });
        var estimator = AdvantageEstimators.Create(AdvantageEstimators.Grpo);
        var archive = method.StartsWith("go-explore", StringComparison.Ordinal) ? new GoExploreArchive() : null;
        // "novelty" is the bonus without its gate: it also shapes groups with no success, where it alone sets the advantages.
        var bonus = method.EndsWith("bonus", StringComparison.Ordinal) || method == "novelty"
            ? new RepresentationBonus(baseModel.Model, tokenizer.Special.Padding, new RepresentationBonusOptions { Coefficient = settings.BonusCoefficient, OnlyGroupsWithSuccess = method != "novelty" })
            : null;

        // The same levels for every method of a seed: a seed fixes the levels, the task sequence and the sampler.
        var levelRandom = new DeterministicRandom(500 + (ulong)seed);
        var trainLevels = Enumerable.Range(0, settings.TrainingLevels).Select(_ => levelRandom.Next(new GridworldEnvironment(hard).Splits.CountOf(TaskSplit.Train))).ToList();
        var taskRandom = new DeterministicRandom((ulong)seed);
        var archiveRandom = new DeterministicRandom(2000 + (ulong)seed);
        var sampler = new DeterministicRandom(1000 + (ulong)seed);
        // Training episodes are capped by turns, wherever they start; the environment's own step limit counts from the
        // level's start, so a generous one keeps deep archive cells worth returning to.
        var trainingLevels = new GridworldOptions { Preset = hard.Preset, StepLimit = settings.TrainStepLimit };
        var environments = Enumerable.Range(0, settings.TasksPerIteration * settings.GroupSize).Select(_ => new GridworldEnvironment(trainingLevels)).ToList();
        var discovered = new HashSet<string>(StringComparer.Ordinal);
        var levelsSolved = new HashSet<int>();
        var deepestRoom = new Dictionary<int, int>();
        var (episodes, goals, fromArchive, nextEvaluation, steps) = (0, 0, 0, settings.EvaluateEvery, 0L);
        var points = new List<Point> { new(0, 0, 0, start) };
        for (var iteration = 1; episodes < settings.Budget; iteration++)
        {
            var returning = archive is { Count: > 0 } ? (int)Math.Round(settings.ExploreFraction * settings.TasksPerIteration) : 0;
            var cells = returning > 0 ? archive!.Select(returning, archiveRandom) : [];
            var groupStarts = Enumerable.Range(0, settings.TasksPerIteration)
                .Select(g => (Level: trainLevels[taskRandom.Next(trainLevels.Count)], Seed: taskRandom.Next(1 << 20), Cell: g < cells.Count ? cells[g] : null)).ToList();
            var starts = groupStarts.SelectMany((s, g) => Enumerable.Range(0, settings.GroupSize)
                .Select(m => new EpisodeStart(environments[(g * settings.GroupSize) + m], s.Level, s.Seed, s.Cell))).ToList();
            var visits = new List<IReadOnlyList<CellVisit>>();
            var trajectories = runner.Run(starts, sampler, iteration, settings.ExploreTurns, visits);
            for (var i = 0; i < trajectories.Count; i++)
            {
                var t = trajectories[i];
                discovered.Add(ArchiveCell.KeyOf(t.TaskId, t.StartCellKey));
                discovered.UnionWith(t.Turns.Select(u => ArchiveCell.KeyOf(t.TaskId, u.CellKey)));
                deepestRoom[t.TaskId] = Math.Max(deepestRoom.GetValueOrDefault(t.TaskId), t.Turns.Select(u => RoomOf(u.CellKey)).Append(RoomOf(t.StartCellKey)).Max());
                archive?.Offer(visits[i], t.StartedFrom);
                if (t.Success)
                {
                    goals++;
                    levelsSolved.Add(t.TaskId);
                }
            }

            fromArchive += trajectories.Count(t => t.StartedFrom is not null);
            steps += trajectories.Sum(t => t.Turns.Count);
            var (trained, _, diagnostics) = GroupedUpdate.Apply(trainer, estimator, trajectories, settings.GroupSize, new GroupedUpdateOptions { Bonus = bonus });
            episodes += trajectories.Count;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  {method} seed {seed} iteration {iteration,2}: {episodes,5} episodes, {discovered.Count} cells, {goals} goal episodes on {levelsSolved.Count}/{settings.TrainingLevels} levels, rooms reached {RoomsReached(deepestRoom, trainLevels)}, trained on {trained}");
            line += archive is null ? "" : string.Create(CultureInfo.InvariantCulture, $", archive {archive.Count} cells (deepest {archive.DeepestLength} steps)");
            line += diagnostics.TryGetValue("bonus_mean", out var meanBonus) ? string.Create(CultureInfo.InvariantCulture, $", bonus {meanBonus:G3} in {diagnostics["bonus_groups"]} groups") : "";
            var validation = double.NaN;
            if (episodes >= nextEvaluation || episodes >= settings.Budget)
            {
                validation = Validate(model, context, hard, settings.ValidationTasks, maxActionTokens);
                nextEvaluation += settings.EvaluateEvery;
                line += string.Create(CultureInfo.InvariantCulture, $" | validation success {validation:P0}");
            }

            points.Add(new Point(episodes, discovered.Count, goals, validation, Rooms(deepestRoom, trainLevels)));
            Console.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $"; {clock.Elapsed.TotalSeconds:F0} s"));
        }

        Console.WriteLine($"  {method} seed {seed}: deepest room reached per level {string.Join(" ", trainLevels.Distinct().Select(l => deepestRoom.GetValueOrDefault(l) + 1))} (of 4)");
        return new MethodRun(method, seed, points, levelsSolved.Count, settings.TrainingLevels, fromArchive, steps, clock.Elapsed.TotalMinutes);
    }

    /// <summary>The room of a gridworld cell key ("room:x,y:facing:carried:doors:stage"), counted from 0.</summary>
    private static int RoomOf(string cellKey) => int.Parse(cellKey.AsSpan(0, cellKey.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    /// <summary>The mean over the training levels of the deepest room reached, counting from 1 (a level never played counts 1).</summary>
    private static double Rooms(Dictionary<int, int> deepest, IReadOnlyList<int> levels) => levels.Distinct().Average(l => deepest.GetValueOrDefault(l) + 1.0);

    private static string RoomsReached(Dictionary<int, int> deepest, IReadOnlyList<int> levels) =>
        string.Create(CultureInfo.InvariantCulture, $"{Rooms(deepest, levels):F2}");

    /// <summary>Validation success from the levels' starts, with the preset's full step limit, on the same draws for every method.</summary>
    private static double Validate(PolicyModel model, ContextPolicy context, GridworldOptions hard, int tasks, int maxActionTokens)
    {
        var evaluator = new Evaluator(new EpisodeRunner(model, context, new SamplingOptions { Temperature = 1.0, MaxNewTokens = maxActionTokens }), () => new GridworldEnvironment(hard));
        return evaluator.Evaluate(TaskSplit.Validation, tasks, samplesPerTask: 1, ks: [1], new DeterministicRandom(3), batchSize: Math.Min(tasks, 64)).SuccessRate;
    }

    private static List<int> ExpertSteps(GridworldOptions hard, int tasks)
    {
        var environment = new GridworldEnvironment(hard);
        var first = environment.Splits.FirstId(TaskSplit.Validation);
        return Enumerable.Range(first, tasks).Select(task =>
        {
            var step = environment.Reset(task);
            while (!step.Done)
            {
                step = environment.Step(environment.ExpertAction()!);
            }

            return step.Info.StepCount;
        }).ToList();
    }

    private static void PrintTable(IReadOnlyList<MethodRun> runs, IReadOnlyList<string> methods)
    {
        Console.WriteLine();
        Console.WriteLine("per method, mean over seeds (per-seed values in brackets):");
        Console.WriteLine($"{"method",-17} {"cells discovered",-28} {"goal episodes",-22} {"levels with a goal",-22} {"rooms reached (of 4)",-26} {"first goal at episode",-24} {"validation success at the end",-30} {"environment steps",-18} minutes");
        foreach (var method in methods)
        {
            var mine = runs.Where(r => r.Method == method).ToList();
            string Of(Func<MethodRun, double> value, string format) =>
                string.Create(CultureInfo.InvariantCulture, $"{mine.Average(value).ToString(format, CultureInfo.InvariantCulture)} [{string.Join(", ", mine.Select(r => value(r).ToString(format, CultureInfo.InvariantCulture)))}]");
            var firstGoal = string.Join(", ", mine.Select(r => r.FirstGoal?.ToString(CultureInfo.InvariantCulture) ?? "–"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method,-17} {Of(r => r.Points[^1].Cells, "F0"),-28} {Of(r => r.Points[^1].Goals, "F0"),-22} {Of(r => r.LevelsSolved, "F0"),-22} {Of(r => r.Points[^1].Rooms, "F2"),-26} {firstGoal,-24} {Of(r => r.FinalValidation, "P0"),-30} {mine.Average(r => r.Steps),-18:N0} {mine.Average(r => r.Minutes):F1}"));
        }
    }

    private static string Csv(IEnumerable<MethodRun> runs)
    {
        var csv = new StringBuilder("method,seed,episodes,cells,goals,rooms,validation_success\n");
        foreach (var run in runs)
        {
            foreach (var point in run.Points)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{run.Method},{run.Seed},{point.Episodes},{point.Cells},{point.Goals},{point.Rooms},{(double.IsNaN(point.Validation) ? "" : point.Validation)}\n");
            }
        }

        return csv.ToString();
    }

    private static string Plot(IReadOnlyList<MethodRun> runs, IReadOnlyList<string> methods, Func<Point, double> value, string title, double high)
    {
        var series = new List<ChartSeries>();
        for (var m = 0; m < methods.Count; m++)
        {
            var colour = Colours[m % Colours.Length];
            var mine = runs.Where(r => r.Method == methods[m]).ToList();
            series.AddRange(mine.Select(r => new ChartSeries($"{r.Method} seed {r.Seed}", r.Points.Select(p => ((double)p.Episodes, value(p))).ToList(), colour)
            {
                StrokeWidth = 1, Opacity = 0.35, Markers = false, InLegend = false,
            }));
            var length = mine.Min(r => r.Points.Count);
            series.Add(new ChartSeries($"{methods[m]} (mean of {mine.Count})", Enumerable.Range(0, length)
                .Select(i => ((double)mine[0].Points[i].Episodes, mine.Average(r => value(r.Points[i])))).ToList(), colour) { StrokeWidth = 2.5, Markers = false });
        }

        return SvgLineChart.Render(series, "episodes", 0, high, $"gridworld-hard: {title}");
    }

    private sealed record Settings(
        int Seeds, int Budget, int TasksPerIteration, int GroupSize, int TrainingLevels, int ExploreTurns, double ExploreFraction, int EvaluateEvery, int ValidationTasks,
        double LearningRate, double Kl, double BonusCoefficient, int TrainStepLimit);

    /// <summary>Rooms reached per level: 1 is the start room, 4 the goal's.</summary>
    private sealed record Point(int Episodes, int Cells, int Goals, double Validation, double Rooms = 1);

    private sealed record MethodRun(string Method, int Seed, IReadOnlyList<Point> Points, int LevelsSolved, int Levels, int FromArchive, long Steps, double Minutes)
    {
        public double FinalValidation => Points.Last(p => !double.IsNaN(p.Validation)).Validation;

        /// <summary>The episodes trained when a training episode first reached the goal; null if none did.</summary>
        public int? FirstGoal => Points.FirstOrDefault(p => p.Goals > 0)?.Episodes;
    }
}
