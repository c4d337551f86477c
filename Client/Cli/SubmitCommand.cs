using System.CommandLine;
using System.Globalization;

namespace AgentRL.Cli;

/// <summary>`agentrl submit`: plays episodes with a checkpoint through episode grains and prints a summary and transcripts.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var shared = new CheckpointEpisodes();
        var episodes = new Option<int>("--episodes", "-n") { Description = "Episodes to play (one per task).", DefaultValueFactory = _ => 8 };
        var show = new Option<int>("--show") { Description = "Transcripts to print.", DefaultValueFactory = _ => 1 };
        var spanner = new SpannerEvaluation();
        var command = new Command("submit", "Play episodes with a checkpoint and print a summary and transcripts (or search tasks with --strategy spanner).") { episodes, show };
        shared.AddTo(command);
        spanner.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (spanner.Chosen(parse))
            {
                var searches = await spanner.SearchAsync(parse, shared, parse.GetValue(episodes), cancellationToken);
                if (searches is null)
                {
                    return 2;
                }

                foreach (var (task, outcome) in searches.Take(parse.GetValue(show)))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"--- task {task}: {(outcome.Success ? "success" : "no success")}, best score {outcome.BestScore:F2}, {outcome.OracleCalls} model samples, {outcome.EnvironmentCalls} environment calls; {(outcome.Success ? "the successful" : "the longest")} branch:"));
                    Console.WriteLine("    " + string.Join(" | ", outcome.Actions));
                }

                spanner.PrintSummary(parse, shared, searches);
                return 0;
            }

            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(shared.Gateway), parse.GetValue(shared.Data)!, cancellationToken);
            var results = await shared.PlayAsync(client, parse, parse.GetValue(episodes), samples: 1, cancellationToken);
            foreach (var result in results.Take(parse.GetValue(show)))
            {
                var trajectory = result.Trajectory;
                Console.WriteLine($"--- {result.EpisodeId} (task {trajectory.TaskId}): {(trajectory.Success ? "success" : "failure")}, score {trajectory.Score:F2}, {trajectory.Turns.Count} turns");
                foreach (var (turn, index) in trajectory.Turns.Select((t, i) => (t, i)))
                {
                    Console.WriteLine($"[{index + 1}] > {turn.Action}{(turn.Valid ? "" : "   (invalid)")}");
                    Console.WriteLine("    " + turn.Observation.Replace("\n", "\n    ", StringComparison.Ordinal));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{results.Count} episodes: success {results.Average(r => r.Trajectory.Success ? 1.0 : 0.0):P0}, mean score {results.Average(r => r.Trajectory.Score):F3}, mean turns {results.Average(r => r.Trajectory.Turns.Count):F1}"));
            return 0;
        });
        return command;
    }
}
