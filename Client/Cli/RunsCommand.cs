using System.CommandLine;
using System.Globalization;
using AgentRL.Grains.Training;

namespace AgentRL.Cli;

/// <summary>`agentrl runs` lists training runs; `agentrl status RUN` shows one with its recent iterations.</summary>
internal static class RunsCommand
{
    public static Command CreateList()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var command = new Command("runs", "List training runs and their progress.") { gateway, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(gateway), parse.GetValue(data)!, cancellationToken);
            var runs = await client.ListRunsAsync(cancellationToken);
            if (runs.Count == 0)
            {
                Console.WriteLine("no runs yet; start one with: agentrl train");
                return 0;
            }

            var idWidth = Math.Max(3, runs.Max(r => r.RunId.Length));
            Console.WriteLine($"{"run".PadRight(idWidth)}  {"status",-9}  {"env",-10}  {"algo",-6}  {"iters",9}  {"base",5}  {"latest",6}  {"time",8}");
            foreach (var run in runs)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run.RunId.PadRight(idWidth)}  {run.Status,-9}  {run.Config?.Environment,-10}  {run.Config?.Algorithm,-6}  {$"{run.Iteration}/{run.Config?.Iterations}",9}  {Percent(run.BaseSuccess),5}  {Percent(run.LatestValidationSuccess),6}  {run.TrainingSeconds / 60,6:F1} m"));
            }

            return 0;
        });
        return command;
    }

    public static Command CreateStatus()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var runId = new Argument<string>("run") { Description = "The run id." };
        var last = new Option<int>("--last") { Description = "How many recent iterations to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("status", "Show a training run: configuration, progress and recent iterations.") { gateway, data, runId, last };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(gateway), parse.GetValue(data)!, cancellationToken);
            var id = parse.GetValue(runId)!;
            var run = await client.GetRunAsync(id, cancellationToken);
            if (run.Status == RunStatus.None)
            {
                Console.Error.WriteLine($"There is no run '{id}'.");
                return 1;
            }

            Console.WriteLine($"run {run.RunId}: {run.Status}{(run.Message is null ? "" : $" ({run.Message})")}");
            Console.WriteLine($"  {run.Config!.Algorithm} on {run.Config.Environment}, {run.Config.Preset} model, {run.Config.TasksPerIteration}×{run.Config.GroupSize} episodes per iteration");
            Console.WriteLine($"  iteration {run.Iteration}/{run.Config.Iterations}, weight version {run.PolicyVersion}, {run.TrainingSeconds / 60:F1} min of training");
            Console.WriteLine($"  validation success: base {Percent(run.BaseSuccess)}, latest {Percent(run.LatestValidationSuccess)}");
            Console.WriteLine($"  checkpoint: {run.Checkpoint ?? "–"}");
            var records = await client.GetIterationsAsync(id, cancellationToken);
            Console.WriteLine("  iter  rollout  score  turns  entropy  validation  seconds");
            foreach (var r in records.TakeLast(Math.Max(0, parse.GetValue(last))))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Iteration,4}  {r.RolloutSuccess,7:P0}  {r.RolloutScore,5:F2}  {r.MeanTurns,5:F1}  {r.Entropy,7:F3}  {Percent(r.ValidationSuccess),10}  {r.RolloutSeconds + r.LearnerSeconds,7:F1}"));
            }

            return 0;
        });
        return command;
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P0", CultureInfo.InvariantCulture) : "–";
}
