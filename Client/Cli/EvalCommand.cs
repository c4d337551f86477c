using System.CommandLine;
using System.Globalization;
using AgentRL.Learning.Evaluation;

namespace AgentRL.Cli;

/// <summary>`agentrl eval`: success rate, mean score and pass@k of a checkpoint on a split.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var shared = new CheckpointEpisodes();
        var tasks = new Option<int>("--tasks") { Description = "Tasks from the split.", DefaultValueFactory = _ => 100 };
        var samples = new Option<int>("--samples") { Description = "Episodes per task (n of pass@k).", DefaultValueFactory = _ => 4 };
        var ks = new Option<int[]>("--k") { Description = "The k values of pass@k.", DefaultValueFactory = _ => [1, 4], AllowMultipleArgumentsPerToken = true };
        var spanner = new SpannerEvaluation();
        var command = new Command("eval", "Evaluate a checkpoint on a split: success rate, mean score and pass@k, or a spanner search's success and call counts.") { tasks, samples, ks };
        shared.AddTo(command);
        spanner.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (spanner.Chosen(parse))
            {
                var searches = await spanner.SearchAsync(parse, shared, parse.GetValue(tasks), cancellationToken);
                if (searches is null)
                {
                    return 2;
                }

                spanner.PrintSummary(parse, shared, searches);
                return 0;
            }

            var n = parse.GetValue(samples);
            var kValues = parse.GetValue(ks)!;
            if (n < 1 || kValues.Any(k => k < 1 || k > n))
            {
                Console.Error.WriteLine($"Every k must be between 1 and --samples ({n}).");
                return 2;
            }

            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(shared.Gateway), parse.GetValue(shared.Data)!, cancellationToken);
            var results = await shared.PlayAsync(client, parse, parse.GetValue(tasks), n, cancellationToken);
            var byTask = results.Chunk(n).Select(group => group.Count(r => r.Trajectory.Success)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parse.GetValue(shared.Environment)} {parse.GetValue(shared.Split)}: {byTask.Count} tasks × {n} samples; success {results.Average(r => r.Trajectory.Success ? 1.0 : 0.0):P1}, mean score {results.Average(r => r.Trajectory.Score):F3}"));
            foreach (var k in kValues.Distinct().Order())
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pass@{k}: {byTask.Average(c => PassAtK.Estimate(n, c, k)):P1}"));
            }

            return 0;
        });
        return command;
    }
}
