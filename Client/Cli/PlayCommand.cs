using System.CommandLine;
using AgentRL.Environments.Grains;

namespace AgentRL.Cli;

/// <summary>`agentrl play`: a person plays an environment in the terminal, through an environment grain.</summary>
internal static class PlayCommand
{
    public static Command Create()
    {
        var gateway = CommonOptions.Gateway();
        var data = CommonOptions.Data();
        var environment = new Option<string>("--env") { Description = "Environment name.", DefaultValueFactory = _ => "gridworld" };
        var task = new Option<int>("--task") { Description = "Task id.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var command = new Command("play", "Play an environment yourself: type actions; '?' asks the expert, 'quit' leaves.") { gateway, data, environment, task, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(gateway), parse.GetValue(data)!, cancellationToken);
            var grain = client.Grains.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format(parse.GetValue(environment)!, $"play-{Guid.NewGuid():N}"));
            var step = await grain.Reset(parse.GetValue(task), parse.GetValue(seed));
            Console.WriteLine(step.Observation);
            while (!step.Done)
            {
                Console.Write("> ");
                var line = Console.ReadLine();
                if (line is null || line.Trim() == "quit")
                {
                    return 1;
                }

                if (line.Trim() == "?")
                {
                    var valid = await grain.ValidActions();
                    Console.WriteLine($"expert: {await grain.ExpertAction()}{(valid is null ? "" : $"   (valid: {string.Join(", ", valid)})")}");
                    continue;
                }

                step = await grain.Step(line);
                Console.WriteLine(step.Observation);
            }

            Console.WriteLine(step.Info.Success ? $"success, score {step.Info.Score:F2}" : "the episode ended without success");
            return step.Info.Success ? 0 : 1;
        });
        return command;
    }
}
