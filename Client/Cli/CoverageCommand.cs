using System.CommandLine;
using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Grains;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Cli;

/// <summary>
/// `agentrl coverage`: how much probability a checkpoint puts on the expert's actions on a split, per token and per whole
/// action, with their distributions. The expert walks the split's tasks through environment grains (plug-ins included);
/// the checkpoint scores its choices locally.
/// </summary>
internal static class CoverageCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var checkpoint = new Option<string>("--checkpoint", "-c") { Description = "A checkpoint folder (a run writes them under DATA/runs/RUN/checkpoints).", Required = true };
        var environment = new Option<string>("--env") { Description = "Environment name.", DefaultValueFactory = _ => "gridworld" };
        var split = new Option<TaskSplit>("--split") { Description = "Task split.", DefaultValueFactory = _ => TaskSplit.Validation };
        var tasks = new Option<int>("--tasks") { Description = "Tasks from the split whose expert episodes are scored.", DefaultValueFactory = _ => 50 };
        var temperature = new Option<double>("--temperature") { Description = "The sampling temperature the probabilities are taken at.", DefaultValueFactory = _ => 1.0 };
        var command = new Command("coverage", "Measure a checkpoint's coverage of the expert's actions: token- and action-level probabilities and their distributions.")
        {
            gateway, data, checkpoint, environment, split, tasks, temperature,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(tasks) < 1 || !(parse.GetValue(temperature) > 0))
            {
                Console.Error.WriteLine("--tasks must be at least 1 and --temperature positive.");
                return 2;
            }

            if (CheckpointEpisodes.LoadLocally(parse.GetValue(checkpoint)!) is not { } policy)
            {
                return 2;
            }

            using (policy)
            {
                await using var client = await CommonOptions.ConnectAsync(parse.GetValue(gateway), parse.GetValue(data)!, cancellationToken);
                var name = parse.GetValue(environment)!;
                var states = await ExpertStatesAsync(client.Grains.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format(name, $"coverage-{Guid.NewGuid():N}")),
                    policy.Context, parse.GetValue(split), parse.GetValue(tasks), cancellationToken);
                var report = Coverage.Measure(policy.Model, policy.Context.Tokenizer.Special.Padding, states, parse.GetValue(temperature));
                Print(Console.Out, name, parse.GetValue(split), report);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The expert's own states on the split's first tasks, as (context the policy would see, expert action tokens).</summary>
    private static async Task<List<Demonstration>> ExpertStatesAsync(IEnvironmentGrain environment, ContextPolicy context, TaskSplit split, int tasks, CancellationToken cancellationToken)
    {
        var splits = await environment.Splits();
        var states = new List<Demonstration>();
        foreach (var task in splits.TaskIds(split).Take(tasks))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = await environment.Reset(task, 0);
            var history = new List<(int[] Observation, int[] Action)>();
            while (!step.Done)
            {
                var expert = await environment.ExpertAction() ?? throw new InvalidOperationException($"The expert has no action in a running episode of task {task}.");
                var observation = context.Encode(step.Observation);
                var action = context.EncodeAction(expert);
                states.Add(new Demonstration(context.Build(history, observation), action));
                history.Add((observation, action));
                step = await environment.Step(expert);
            }
        }

        return states;
    }

    internal static void Print(TextWriter output, string environment, TaskSplit split, CoverageReport report)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{environment} {split}: {report.States} expert actions ({report.Tokens} tokens)"));
        foreach (var (level, distribution) in new[] { ("per token", report.TokenLevel), ("per action", report.SequenceLevel) })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {level,-10}  mean {distribution.Mean:G3}   median {distribution.Median:G3}"));
            output.WriteLine($"              quantiles  {string.Join("  ", distribution.Quantiles.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Quantile:0.##}: {q.Value:G3}")))}");
            output.WriteLine($"              at least   {string.Join("  ", distribution.AtLeast.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Threshold:G3}: {a.Share:P0}")))}");
        }

        output.WriteLine($"  chance that k samples contain the expert's action: {string.Join("  ", report.HitProbabilities.Select(h => string.Create(CultureInfo.InvariantCulture, $"k={h.K}: {h.Probability:P1}")))}");
    }
}
