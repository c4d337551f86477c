using System.CommandLine;
using System.Globalization;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Grains;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;

namespace AgentRL.Cli;

/// <summary>
/// `agentrl eval --strategy spanner`: inference-time exploration with the checkpoint as the sampling oracle. Each task is
/// searched by <see cref="SpannerExplorer"/> (N samples per live branch, the k spanning ones tried); success means some
/// branch succeeded. Model samples and environment calls are reported apart.
/// </summary>
internal sealed class SpannerEvaluation
{
    public Option<int> Candidates { get; } = new("--candidates") { Description = "Spanner: model samples per live branch and turn (N).", DefaultValueFactory = _ => new SpannerOptions().Candidates };

    public Option<int> Branches { get; } = new("--branches") { Description = "Spanner: actions tried per turn, and live branches kept (k).", DefaultValueFactory = _ => new SpannerOptions().Branches };

    public Option<int> MaxTurns { get; } = new("--max-turns") { Description = "Spanner: turns before a search gives up.", DefaultValueFactory = _ => new SpannerOptions().MaxTurns };

    public void AddTo(Command command)
    {
        command.Options.Add(Candidates);
        command.Options.Add(Branches);
        command.Options.Add(MaxTurns);
    }

    public async Task<int> RunAsync(ParseResult parse, CheckpointEpisodes shared, int tasks, CancellationToken cancellationToken)
    {
        var options = new SpannerOptions { Candidates = parse.GetValue(Candidates), Branches = parse.GetValue(Branches), MaxTurns = parse.GetValue(MaxTurns) };
        LoadedPolicy policy;
        try
        {
            options.Validate();
            policy = PolicyPackage.Unpack(PolicyPackage.FromCheckpoint(Path.GetFullPath(parse.GetValue(shared.Checkpoint)!)));
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using (policy)
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(shared.Gateway), parse.GetValue(shared.Data)!, cancellationToken);
            var name = parse.GetValue(shared.Environment)!;
            var grain = client.Grains.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format(name, $"spanner-{Guid.NewGuid():N}"));
            var splits = await grain.Splits();
            var padding = policy.Context.Tokenizer.Special.Padding;
            var explorer = new SpannerExplorer(policy.Model, policy.Context, new SamplingOptions { Temperature = parse.GetValue(shared.Temperature), MaxNewTokens = CheckpointEpisodes.MaxActionTokens(Path.GetFullPath(parse.GetValue(shared.Checkpoint)!)) },
                new ActionFeatures(policy.Model, 64, padding), options);
            var environment = new GrainExplorationEnvironment(grain);
            var outcomes = new List<SpannerOutcome>();
            foreach (var task in splits.TaskIds(parse.GetValue(shared.Split)).Take(tasks))
            {
                outcomes.Add(await explorer.ExploreAsync(environment, task, 0, new DeterministicRandom((ulong)task), cancellationToken));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} {parse.GetValue(shared.Split)}: {outcomes.Count} tasks searched with N = {options.Candidates}, k = {options.Branches}; success {outcomes.Average(o => o.Success ? 1.0 : 0.0):P1}, best score {outcomes.Average(o => o.BestScore):F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  per task: {outcomes.Average(o => o.OracleCalls):F1} model samples (sampling-oracle calls), {outcomes.Average(o => o.EnvironmentCalls):F1} environment calls, {outcomes.Average(o => o.Turns):F1} turns"));
            return 0;
        }
    }
}
