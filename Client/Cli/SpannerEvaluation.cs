using System.CommandLine;
using System.Globalization;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Grains;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;

namespace AgentRL.Cli;

/// <summary>
/// `--strategy spanner` of `agentrl eval` and `agentrl submit`: inference-time exploration with the checkpoint as the
/// sampling oracle. Each task is searched by <see cref="SpannerExplorer"/> (N samples per live branch, the k spanning ones
/// tried); success means some branch succeeded. Model samples and environment calls are reported apart.
/// </summary>
internal sealed class SpannerEvaluation
{
    public Option<string> Strategy { get; } = CreateStrategy();

    public Option<int> Candidates { get; } = new("--candidates") { Description = "Spanner: model samples per live branch and turn (N).", DefaultValueFactory = _ => new SpannerOptions().Candidates };

    public Option<int> Branches { get; } = new("--branches") { Description = "Spanner: actions tried per turn, and live branches kept (k).", DefaultValueFactory = _ => new SpannerOptions().Branches };

    public Option<int> MaxTurns { get; } = new("--max-turns") { Description = "Spanner: turns before a search gives up.", DefaultValueFactory = _ => new SpannerOptions().MaxTurns };

    public bool Chosen(ParseResult parse) => parse.GetValue(Strategy) == "spanner";

    public void AddTo(Command command)
    {
        command.Options.Add(Strategy);
        command.Options.Add(Candidates);
        command.Options.Add(Branches);
        command.Options.Add(MaxTurns);
    }

    /// <summary>Searches the split's first <paramref name="tasks"/> tasks; null (after saying why) when the options or the checkpoint are unusable.</summary>
    public async Task<IReadOnlyList<(int Task, SpannerOutcome Outcome)>?> SearchAsync(ParseResult parse, CheckpointEpisodes shared, int tasks, CancellationToken cancellationToken)
    {
        var options = Options(parse);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }

        if (CheckpointEpisodes.LoadLocally(parse.GetValue(shared.Checkpoint)!) is not { } policy)
        {
            return null;
        }

        using (policy)
        {
            await using var client = await CommonOptions.ConnectAsync(parse.GetValue(shared.Gateway), parse.GetValue(shared.Data)!, cancellationToken);
            var grain = client.Grains.GetGrain<IEnvironmentGrain>(EnvironmentGrainKey.Format(parse.GetValue(shared.Environment)!, $"spanner-{Guid.NewGuid():N}"));
            var splits = await grain.Splits();
            var sampling = new SamplingOptions
            {
                Temperature = parse.GetValue(shared.Temperature),
                MaxNewTokens = CheckpointEpisodes.MaxActionTokens(Path.GetFullPath(parse.GetValue(shared.Checkpoint)!)),
            };
            var explorer = new SpannerExplorer(policy.Model, policy.Context, sampling, new ActionFeatures(policy.Model, 64, policy.Context.Tokenizer.Special.Padding), options);
            var environment = new GrainExplorationEnvironment(grain);
            var outcomes = new List<(int, SpannerOutcome)>();
            foreach (var task in splits.TaskIds(parse.GetValue(shared.Split)).Take(tasks))
            {
                outcomes.Add((task, await explorer.ExploreAsync(environment, task, 0, new DeterministicRandom((ulong)task), cancellationToken)));
            }

            return outcomes;
        }
    }

    public void PrintSummary(ParseResult parse, CheckpointEpisodes shared, IReadOnlyList<(int Task, SpannerOutcome Outcome)> searches)
    {
        var options = Options(parse);
        var outcomes = searches.Select(s => s.Outcome).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{parse.GetValue(shared.Environment)} {parse.GetValue(shared.Split)}: {outcomes.Count} tasks searched with N = {options.Candidates}, k = {options.Branches}; success {outcomes.Average(o => o.Success ? 1.0 : 0.0):P1}, best score {outcomes.Average(o => o.BestScore):F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per task: {outcomes.Average(o => o.OracleCalls):F1} model samples (sampling-oracle calls), {outcomes.Average(o => o.EnvironmentCalls):F1} environment calls, {outcomes.Average(o => o.Turns):F1} turns"));
    }

    private SpannerOptions Options(ParseResult parse) =>
        new() { Candidates = parse.GetValue(Candidates), Branches = parse.GetValue(Branches), MaxTurns = parse.GetValue(MaxTurns) };

    private static Option<string> CreateStrategy()
    {
        var strategy = new Option<string>("--strategy")
        {
            Description = "sample: independent episodes; spanner: inference-time exploration that tries the k spanning of N sampled actions per turn.",
            DefaultValueFactory = _ => "sample",
        };
        strategy.AcceptOnlyFromAmong("sample", "spanner");
        return strategy;
    }
}
