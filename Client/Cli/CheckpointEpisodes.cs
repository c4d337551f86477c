using System.CommandLine;
using System.Globalization;
using AgentRL.Client;
using AgentRL.Environments;
using AgentRL.Grains.Training;
using AgentRL.Learning.Checkpoints;

namespace AgentRL.Cli;

/// <summary>What `submit` and `eval` share: options naming a checkpoint, an environment and a split, and playing episodes with it.</summary>
internal sealed class CheckpointEpisodes
{
    private const int FallbackActionTokens = 32;

    // Sent when the checkpoint cannot be read here: the replica's context keeps what it needs of them.
    private const int FallbackHistoryTurns = 8;

    public Option<string?> Gateway { get; } = CommonOptions.Gateway();

    public Option<string> Data { get; } = CommonOptions.Data();

    public Option<string> Checkpoint { get; } = new("--checkpoint", "-c") { Description = "A checkpoint folder (a run writes them under DATA/runs/RUN/checkpoints).", Required = true };

    public Option<string> Environment { get; } = new("--env") { Description = "Environment name.", DefaultValueFactory = _ => "gridworld" };

    public Option<TaskSplit> Split { get; } = new("--split") { Description = "Task split.", DefaultValueFactory = _ => TaskSplit.Validation };

    public Option<double> Temperature { get; } = new("--temperature") { Description = "Sampling temperature.", DefaultValueFactory = _ => 1.0 };

    public Option<string?> Tag { get; } = new("--tag") { Description = "Names this batch of episodes; the same tag returns the stored episodes instead of playing new ones." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Gateway, Data, Checkpoint, Environment, Split, Temperature, Tag })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Plays <paramref name="samples"/> episodes of each of the split's first <paramref name="tasks"/> tasks; results by task, then sample.</summary>
    public async Task<IReadOnlyList<EpisodeResult>> PlayAsync(AgentClient client, ParseResult parse, int tasks, int samples, CancellationToken cancellationToken)
    {
        var checkpoint = Path.GetFullPath(parse.GetValue(Checkpoint)!);
        var environment = parse.GetValue(Environment)!;
        var split = parse.GetValue(Split);
        var tag = parse.GetValue(Tag) ?? DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var splits = await client.Grains.GetGrain<Environments.Grains.IEnvironmentGrain>(Environments.Grains.EnvironmentGrainKey.Format(environment, "splits")).Splits();
        var first = splits.FirstId(split);
        var count = Math.Min(tasks, splits.CountOf(split));
        var requests = new List<(string, EpisodeRequest)>();
        for (var task = 0; task < count; task++)
        {
            for (var sample = 0; sample < samples; sample++)
            {
                requests.Add(($"episodes/{tag}/{environment}/{first + task}/{sample}", new EpisodeRequest
                {
                    Policy = PolicySource.Checkpoint(checkpoint),
                    Environment = environment,
                    TaskId = first + task,
                    Seed = sample,
                    Temperature = parse.GetValue(Temperature),
                    MaxActionTokens = MaxActionTokens(checkpoint),
                    ContextTurns = HistoryTurns(checkpoint),
                }));
            }
        }

        return await client.RunEpisodesAsync(requests, cancellationToken);
    }

    /// <summary>
    /// The checkpoint's policy loaded in this process (for tools that score or search here rather than through episode
    /// grains), or null after saying why it cannot be loaded.
    /// </summary>
    internal static LoadedPolicy? LoadLocally(string checkpoint)
    {
        try
        {
            return PolicyPackage.Unpack(PolicyPackage.FromCheckpoint(Path.GetFullPath(checkpoint)));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot load the checkpoint: {e.Message}");
            return null;
        }
    }

    /// <summary>The action length a run's checkpoint records, or a generous default when the folder is not readable here (a remote silo's disk).</summary>
    internal static int MaxActionTokens(string checkpoint) => ReadOr(checkpoint, PolicyPackage.MaxActionTokens, FallbackActionTokens);

    /// <summary>The past turns a checkpoint's context shows, or a generous default when the folder is not readable here.</summary>
    private static int HistoryTurns(string checkpoint) => ReadOr(checkpoint, PolicyPackage.HistoryTurns, FallbackHistoryTurns);

    private static int ReadOr(string checkpoint, Func<CheckpointInfo, int?> read, int fallback)
    {
        try
        {
            return read(PolicyCheckpoint.ReadInfo(checkpoint)) ?? fallback;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return fallback;
        }
    }
}
