using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Evaluation;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Policy;

namespace AgentRL.Grains.Tests;

/// <summary>The exploration tools of the `agentrl` command line: coverage and the spanner search as an evaluation strategy.</summary>
public sealed class ExplorationCommandTests
{
    [Fact]
    public async Task TheCoverageCommandReportsTheCheckpointsProbabilitiesOfTheExpertsActions()
    {
        using var folder = new TempDirectory();
        var (baseModel, checkpoint) = SaveBaseModel(folder.Path);
        using (baseModel)
        {
            var (code, output) = await RunAsync("coverage", "--data", Path.Combine(folder.Path, "data"), "--env", "gridworld", "--checkpoint", checkpoint, "--tasks", "3");

            // The same expert states (the validation split's first three tasks, seed 0) scored in process.
            var states = DemonstrationCollector.Collect(new GridworldEnvironment(), baseModel.Context, 3, 0, new DeterministicRandom(1), TaskSplit.Validation);
            var expected = Coverage.Measure(baseModel.Model, baseModel.Context.Tokenizer.Special.Padding, states);
            Assert.Equal(0, code);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"gridworld Validation: {expected.States} expert actions ({expected.Tokens} tokens)"), output, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"per action  mean {expected.SequenceLevel.Mean:G3}   median {expected.SequenceLevel.Median:G3}"), output, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"per token   mean {expected.TokenLevel.Mean:G3}"), output, StringComparison.Ordinal);
            Assert.Contains("k=64:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EvalWithTheSpannerStrategySearchesEachTaskAsTheLibraryDoes()
    {
        using var folder = new TempDirectory();
        var (baseModel, checkpoint) = SaveBaseModel(folder.Path);
        using (baseModel)
        {
            var (code, output) = await RunAsync("eval", "--strategy", "spanner", "--data", Path.Combine(folder.Path, "data"), "--env", "gridworld", "--checkpoint", checkpoint,
                "--tasks", "2", "--candidates", "4", "--branches", "2", "--max-turns", "3");

            // The same searches in process, on plain environments: the grain changes where the environment runs, nothing else.
            var explorer = new SpannerExplorer(baseModel.Model, baseModel.Context, new SamplingOptions { MaxNewTokens = baseModel.LongestAction + 2 },
                new ActionFeatures(baseModel.Model, 64, baseModel.Context.Tokenizer.Special.Padding), new SpannerOptions { Candidates = 4, Branches = 2, MaxTurns = 3 });
            var first = new GridworldEnvironment().Splits.FirstId(TaskSplit.Validation);
            var outcomes = Enumerable.Range(first, 2).Select(t => explorer.Explore(new GridworldEnvironment(), t, 0, new DeterministicRandom((ulong)t))).ToList();
            Assert.Equal(0, code);
            Assert.Contains("2 tasks searched with N = 4, k = 2", output, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"per task: {outcomes.Average(o => o.OracleCalls):F1} model samples (sampling-oracle calls), {outcomes.Average(o => o.EnvironmentCalls):F1} environment calls"), output, StringComparison.Ordinal);
            Assert.All(outcomes, o => Assert.InRange(o.EnvironmentCalls, 1, 6));

            // submit prints each search's branch, then the same summary.
            var (submitCode, transcript) = await RunAsync("submit", "--strategy", "spanner", "--data", Path.Combine(folder.Path, "data"), "--env", "gridworld", "--checkpoint", checkpoint,
                "--episodes", "2", "--show", "2", "--candidates", "4", "--branches", "2", "--max-turns", "3");
            Assert.Equal(0, submitCode);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"--- task {first}: "), transcript, StringComparison.Ordinal);
            Assert.Contains("    " + string.Join(" | ", outcomes[1].Actions), transcript, StringComparison.Ordinal);
            Assert.Contains("2 tasks searched with N = 4, k = 2", transcript, StringComparison.Ordinal);
        }
    }

    /// <summary>A tiny gridworld base model, cloned in seconds, and the checkpoint it was saved as.</summary>
    private static (BaseModel Model, string Checkpoint) SaveBaseModel(string folder)
    {
        var baseModel = BaseModelRecipe.Train(() => new GridworldEnvironment(), new BaseModelOptions
        {
            Preset = "tiny", Demonstrations = 10, Epochs = 2, TokenizerEpisodes = 20, ContextTokens = 96,
        });
        var checkpoint = Path.Combine(folder, "base");
        PolicyCheckpoint.Save(checkpoint, baseModel.Model, baseModel.Context.Tokenizer, optimizer: null, step: 0,
            PolicyPackage.CheckpointMetadata(baseModel.Context, version: 0, baseModel.LongestAction + 2));
        baseModel.Model.Eval();
        return (baseModel, checkpoint);
    }

    [Fact]
    public async Task ACheckpointThatIsNotOneFailsClearly()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "empty"));

        var (code, output) = await RunAsync("coverage", "--data", Path.Combine(folder.Path, "data"), "--checkpoint", Path.Combine(folder.Path, "empty"));

        Assert.Equal(2, code);
        Assert.Contains("Cannot load the checkpoint", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentrl.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
