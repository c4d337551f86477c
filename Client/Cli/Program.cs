using System.CommandLine;
using AgentRL.Cli;

var root = new RootCommand("agentrl: train language-model agents with multi-turn RL on a grain cluster.");
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(RunsCommand.CreateList());
root.Subcommands.Add(RunsCommand.CreateStatus());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(CoverageCommand.Create());
root.Subcommands.Add(PlayCommand.Create());
root.Subcommands.Add(SiloCommand.Create());
root.Subcommands.Add(ClusterCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(PingCommand.Create());
return await root.Parse(args).InvokeAsync();
