using System.CommandLine;
using System.Globalization;
using AgentRL.Client;
using AgentRL.Client.Reports;
using AgentRL.Grains.Training;

namespace AgentRL.Cli;

/// <summary>
/// `agentrl train`: starts (or resumes) a training run on the embedded silo or a cluster, shows live progress, and
/// writes the run's metrics (JSONL, CSV) and an HTML report with its learning curves.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var defaults = new TrainingRunConfig();
        var runId = new Option<string?>("--run") { Description = "Run id (default: environment, algorithm and the time)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run given by --run from its last checkpoint." };
        var environment = new Option<string>("--env") { Description = "Environment name.", DefaultValueFactory = _ => defaults.Environment };
        var algorithm = new Option<string>("--algo") { Description = $"Algorithm: {string.Join(", ", TrainingRunConfig.Algorithms)}.", DefaultValueFactory = _ => defaults.Algorithm };
        var preset = new Option<string>("--preset") { Description = "Model size: tiny, compact, small, base.", DefaultValueFactory = _ => defaults.Preset };
        var iterations = new Option<int>("--iterations") { Description = "Training iterations.", DefaultValueFactory = _ => defaults.Iterations };
        var minutes = new Option<double>("--minutes") { Description = "Stop after this much training time (0: no limit).", DefaultValueFactory = _ => 15 };
        var tasks = new Option<int>("--tasks") { Description = "Tasks per iteration.", DefaultValueFactory = _ => defaults.TasksPerIteration };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per task (the group size).", DefaultValueFactory = _ => defaults.GroupSize };
        var demonstrations = new Option<int>("--demos") { Description = "Expert demonstrations for the base model.", DefaultValueFactory = _ => defaults.Demonstrations };
        var noise = new Option<double>("--noise") { Description = "Action noise in the demonstrations.", DefaultValueFactory = _ => defaults.ActionNoise };
        var daggerRounds = new Option<int>("--dagger-rounds") { Description = "DAgger rounds after cloning: the base plays, the expert labels the states it reached, cloning goes on (0: none).", DefaultValueFactory = _ => defaults.DaggerRounds };
        var daggerEpisodes = new Option<int>("--dagger-episodes") { Description = "Episodes the base plays per DAgger round.", DefaultValueFactory = _ => defaults.DaggerEpisodes };
        var daggerEpochs = new Option<int>("--dagger-epochs") { Description = "Cloning epochs over all turns after each DAgger round.", DefaultValueFactory = _ => defaults.DaggerEpochs };
        var daggerLabelNoise = new Option<double>("--dagger-label-noise") { Description = "Share of DAgger labels that are a random valid action instead of the expert's.", DefaultValueFactory = _ => defaults.DaggerLabelNoise };
        var learningRate = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var warmupSteps = new Option<int>("--warmup-steps") { Description = "Optimiser steps over which the learning rate rises to its peak.", DefaultValueFactory = _ => defaults.LearningRateWarmupSteps };
        var kl = new Option<double>("--kl") { Description = "β of the KL to the base model (0: none).", DefaultValueFactory = _ => defaults.KlCoefficient };
        var processRewardLearningRate = new Option<double>("--prm-lr") { Description = "OPRL: the process reward model's learning rate.", DefaultValueFactory = _ => defaults.ProcessRewardLearningRate };
        var processRewardSteps = new Option<int>("--prm-steps") { Description = "OPRL: the process reward model's optimiser steps per iteration.", DefaultValueFactory = _ => defaults.ProcessRewardSteps };
        var criticSteps = new Option<int>("--critic-steps") { Description = "ArCHer: the critic's TD steps per iteration.", DefaultValueFactory = _ => defaults.CriticSteps };
        var scaleByStd = new Option<bool>("--scale-by-std") { Description = "GRPO, GiGPO: divide group-centred scores by the group's standard deviation (false: only centre them, as Dr. GRPO).", DefaultValueFactory = _ => defaults.ScaleAdvantagesByStd };
        var invalidPenalty = new Option<double>("--invalid-penalty") { Description = "Taken off the advantage of each turn whose action the environment rejected, whatever the algorithm (0: off).", DefaultValueFactory = _ => defaults.InvalidActionPenalty };
        var revisitPenalty = new Option<double>("--revisit-penalty") { Description = "Taken off the advantage of each accepted action that led back to a state its episode had been in, whatever the algorithm (0: off).", DefaultValueFactory = _ => defaults.RevisitPenalty };
        var progressShaping = new Option<double>("--progress-shaping") { Description = "Added to each turn's advantage per step its action brought the environment closer to the goal, by the environment's own distance; taken off per step away (0: off).", DefaultValueFactory = _ => defaults.ProgressShaping };
        var negativeScale = new Option<double>("--negative-scale") { Description = "Multiplies the algorithm's negative advantages, so failures push their actions down less than successes push theirs up (1: off).", DefaultValueFactory = _ => defaults.NegativeAdvantageScale };
        var progressBlame = new Option<double>("--progress-blame") { Description = "The share of a negative advantage kept on turns that brought the environment closer to the goal, by its own distance (1: off).", DefaultValueFactory = _ => defaults.ProgressingTurnBlame };
        var formatPenalty = new Option<double>("--format-penalty") { Description = "IGPO: the last turn's reward when no well-formed answer was given.", DefaultValueFactory = _ => defaults.FormatPenalty };
        var contextTurns = new Option<int>("--context-turns") { Description = "Past turns the policy sees besides the current observation.", DefaultValueFactory = _ => defaults.ContextTurns };
        var contextActions = new Option<int>("--context-actions") { Description = "Turns before those that the policy sees as their action alone.", DefaultValueFactory = _ => defaults.ContextActions };
        var contextTokens = new Option<int>("--context-tokens") { Description = "The policy's context budget in tokens (long observations keep their end).", DefaultValueFactory = _ => defaults.ContextTokens };
        var evaluateEvery = new Option<int>("--evaluate-every") { Description = "Iterations between validation runs (0: never).", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var validationTasks = new Option<int>("--validation-tasks") { Description = "Validation tasks per evaluation.", DefaultValueFactory = _ => defaults.ValidationTasks };
        var exploreFraction = new Option<double>("--explore-fraction") { Description = "Go-Explore: the fraction of each iteration's groups started from archive cells (0: off).", DefaultValueFactory = _ => defaults.ExploreFraction };
        var exploreTemperature = new Option<double>("--explore-temperature") { Description = "Go-Explore: sampling temperature from a cell (0: the run's).", DefaultValueFactory = _ => defaults.ExploreTemperature };
        var archiveCapacity = new Option<int>("--archive-capacity") { Description = "Go-Explore: the most cells the archive keeps.", DefaultValueFactory = _ => defaults.ArchiveCapacity };
        var maxTurns = new Option<int>("--max-turns") { Description = "Training episodes end as failures after this many turns (0: the environment's limit).", DefaultValueFactory = _ => defaults.MaxTurns };
        var stallTurns = new Option<int>("--stall-turns") { Description = "Training episodes also end as failures after this many turns without coming closer to the goal than ever before, by the environment's distance (0: off).", DefaultValueFactory = _ => defaults.StallTurns };
        var bonus = new Option<double>("--bonus") { Description = "Representation bonus coefficient (0: off).", DefaultValueFactory = _ => defaults.RepresentationBonus };
        var spannerCandidates = new Option<int>("--spanner-candidates") { Description = "SpannerSampling: each group's first actions are the spanning ones of this many samples (0: off).", DefaultValueFactory = _ => defaults.SpannerCandidates };
        var replay = new Option<double>("--replay") { Description = "Task replay: the share of each iteration's groups that play again a start whose earlier group disagreed (0: off).", DefaultValueFactory = _ => defaults.TaskReplayFraction };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => defaults.Seed };
        var command = new Command("train", "Train a policy with RL on an environment (embedded silo by default) and write its report.")
        {
            gateway, data, runId, resume, environment, algorithm, preset, iterations, minutes, tasks, episodes, demonstrations, noise, daggerRounds, daggerEpisodes, daggerEpochs, daggerLabelNoise,
            learningRate, warmupSteps, kl, scaleByStd, invalidPenalty, revisitPenalty, progressShaping, negativeScale, progressBlame, processRewardLearningRate, processRewardSteps, criticSteps, formatPenalty, contextTurns, contextActions, contextTokens, evaluateEvery,
            validationTasks, exploreFraction, exploreTemperature, archiveCapacity, maxTurns, stallTurns, bonus, spannerCandidates, replay, seed,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var config = new TrainingRunConfig
            {
                Environment = parse.GetValue(environment)!,
                Algorithm = parse.GetValue(algorithm)!,
                Preset = parse.GetValue(preset)!,
                Iterations = parse.GetValue(iterations),
                MaxMinutes = parse.GetValue(minutes),
                TasksPerIteration = parse.GetValue(tasks),
                GroupSize = parse.GetValue(episodes),
                Demonstrations = parse.GetValue(demonstrations),
                ActionNoise = parse.GetValue(noise),
                DaggerRounds = parse.GetValue(daggerRounds),
                DaggerEpisodes = parse.GetValue(daggerEpisodes),
                DaggerEpochs = parse.GetValue(daggerEpochs),
                DaggerLabelNoise = parse.GetValue(daggerLabelNoise),
                LearningRate = parse.GetValue(learningRate),
                LearningRateWarmupSteps = parse.GetValue(warmupSteps),
                KlCoefficient = parse.GetValue(kl),
                ScaleAdvantagesByStd = parse.GetValue(scaleByStd),
                InvalidActionPenalty = parse.GetValue(invalidPenalty),
                RevisitPenalty = parse.GetValue(revisitPenalty),
                ProgressShaping = parse.GetValue(progressShaping),
                NegativeAdvantageScale = parse.GetValue(negativeScale),
                ProgressingTurnBlame = parse.GetValue(progressBlame),
                ProcessRewardLearningRate = parse.GetValue(processRewardLearningRate),
                ProcessRewardSteps = parse.GetValue(processRewardSteps),
                CriticSteps = parse.GetValue(criticSteps),
                FormatPenalty = parse.GetValue(formatPenalty),
                ContextTurns = parse.GetValue(contextTurns),
                ContextActions = parse.GetValue(contextActions),
                ContextTokens = parse.GetValue(contextTokens),
                EvaluateEvery = parse.GetValue(evaluateEvery),
                ValidationTasks = parse.GetValue(validationTasks),
                ExploreFraction = parse.GetValue(exploreFraction),
                ExploreTemperature = parse.GetValue(exploreTemperature),
                ArchiveCapacity = parse.GetValue(archiveCapacity),
                MaxTurns = parse.GetValue(maxTurns),
                StallTurns = parse.GetValue(stallTurns),
                RepresentationBonus = parse.GetValue(bonus),
                SpannerCandidates = parse.GetValue(spannerCandidates),
                TaskReplayFraction = parse.GetValue(replay),
                Seed = parse.GetValue(seed),
            };
            var id = parse.GetValue(runId) ?? $"{config.Environment}-{config.Algorithm}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            return RunAsync(parse.GetValue(gateway), parse.GetValue(data)!, id, parse.GetValue(resume), config, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string? gateway, string data, string runId, bool resume, TrainingRunConfig config, CancellationToken cancellationToken)
    {
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        await using var client = await CommonOptions.ConnectAsync(gateway, data, CancellationToken.None);
        RunInfo run;
        try
        {
            run = resume ? await client.ResumeRunAsync(runId, cancellationToken) : await client.StartRunAsync(runId, config, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Console.WriteLine($"run {runId}: {run.Config!.Algorithm} on {run.Config.Environment} ({run.Config.Preset} model), grains in {client.Description}");
        var display = new RunProgressDisplay(Console.Out, interactive: !Console.IsOutputRedirected);
        try
        {
            await foreach (var update in client.WatchRunAsync(runId, cancellationToken))
            {
                display.Show(update);
            }
        }
        catch (OperationCanceledException)
        {
            display.EndLine();
            Console.WriteLine($"stopping run {runId} after its current iteration; continue it with: agentrl train --run {runId} --resume");
            await client.StopRunAsync(runId, CancellationToken.None);
            await foreach (var update in client.WatchRunAsync(runId, CancellationToken.None))
            {
                display.Show(update);
            }
        }

        display.EndLine();
        var final = await client.GetRunAsync(runId, CancellationToken.None);
        var records = await client.GetIterationsAsync(runId, CancellationToken.None);
        var folder = Path.Combine(data, "runs", runId);
        RunMetricsFiles.Write(folder, records);
        var report = RunHtmlReport.Write(folder, final, records);
        PrintSummary(final, records, folder, report);
        return final.Status == RunStatus.Completed ? 0 : 1;
    }

    private static void PrintSummary(RunInfo run, IReadOnlyList<IterationRecord> records, string folder, string report)
    {
        var final = records.LastOrDefault(r => r.ValidationSuccess is not null);
        var rows = new (string Name, string Value)[]
        {
            ("status", run.Status + (run.Message is null ? "" : $" ({run.Message})")),
            ("iterations", run.Iteration.ToString(CultureInfo.InvariantCulture)),
            ("episodes", records.Sum(r => r.EpisodeIds.Count).ToString("N0", CultureInfo.InvariantCulture)),
            ("training time", $"{run.TrainingSeconds / 60:F1} min"),
            ("base validation success", run.BaseSuccess is { } b ? $"{b:P0}" : "–"),
            ("final validation success", final?.ValidationSuccess is { } f ? $"{f:P0} (iteration {final.Iteration})" : "–"),
            ("checkpoint", run.Checkpoint ?? "–"),
            ("metrics", Path.Combine(folder, "metrics.jsonl") + ", metrics.csv"),
            ("report", Path.GetFullPath(report)),
        };
        var width = rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows)
        {
            Console.WriteLine($"  {name.PadRight(width)}  {value}");
        }

        // The learning curve in one line, for terminals and logs; the report draws it.
        var curve = records.Where(r => r.ValidationSuccess is not null).Select(r => $"{r.Iteration}: {r.ValidationSuccess:P0}");
        Console.WriteLine($"  {"curve".PadRight(width)}  base {(run.BaseSuccess is { } start ? start.ToString("P0", CultureInfo.InvariantCulture) : "–")} | {string.Join(" | ", curve)}");
    }
}
