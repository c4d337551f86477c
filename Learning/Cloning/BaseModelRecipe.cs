using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Cloning;

/// <summary>
/// Makes a behaviour-cloned base model for any environment with a scripted expert: a tokenizer trained on expert text,
/// then cloning on a limited number of (optionally noisy) demonstrations, so coverage of good actions is partial.
/// </summary>
public static class BaseModelRecipe
{
    /// <summary>Room in the model's positions for the action written after the context (end-of-action included).</summary>
    public const int ActionRoom = 32;

    public static BaseModel Train(Func<IEnvironment> environment, BaseModelOptions options, Action<int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ValidateDagger(options);
        var device = Device.Resolve(options.Device);
        var tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(environment(), options.TokenizerEpisodes), options.VocabularySize);
        var context = new ContextPolicy(tokenizer, maxTurns: options.ContextTurns, maxTokens: options.ContextTokens, pastActions: options.ContextActions);
        var model = new PolicyModel(PolicyConfig.FromPreset(options.Preset, tokenizer.VocabularySize, options.ContextTokens + ActionRoom));
        try
        {
            model.To(device);
            return Clone(environment, options, context, model, onEpoch);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Clones <paramref name="existing"/> further, in place, with its own tokenizer and context: fresh demonstrations by
    /// the options' knobs and another warm-up and decay over <see cref="BaseModelOptions.Epochs"/>. For a base whose
    /// loss was still falling when its schedule ended, without paying again for the epochs it already had.
    /// </summary>
    public static BaseModel Continue(Func<IEnvironment> environment, BaseModel existing, BaseModelOptions options, Action<int, double>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(existing);
        ValidateDagger(options);
        var trained = Clone(environment, options, existing.Context, existing.Model, onEpoch);
        return trained with { Losses = [.. existing.Losses, .. trained.Losses] };
    }

    private static void ValidateDagger(BaseModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DaggerRounds < 0 || (options.DaggerRounds > 0 && (options.DaggerEpisodes < 1 || options.DaggerEpochs < 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DaggerRounds cannot be negative, and DAgger rounds need at least one episode and one epoch each.");
        }

        if (options.DaggerLabelNoise is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DaggerLabelNoise, "DaggerLabelNoise is a probability.");
        }
    }

    private static BaseModel Clone(Func<IEnvironment> environment, BaseModelOptions options, ContextPolicy context, PolicyModel model, Action<int, double>? onEpoch)
    {
        Func<string, string>? spelling = options.SpaceInsideBrackets ? ActionSpelling.SpaceInsideBrackets : null;
        var turns = DemonstrationCollector.Collect(environment(), context, options.Demonstrations, options.ActionNoise, new DeterministicRandom((ulong)options.Seed), recoveryNoise: options.RecoveryNoise,
            spelling: spelling);
        var cloning = new BehaviourCloningOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, LearningRate = options.LearningRate, BucketByLength = options.BucketByLength, Seed = (ulong)options.Seed };
        var losses = BehaviourCloningTrainer.Train(model, turns, cloning, context.Tokenizer.Special.Padding, onEpoch);
        var longestAction = turns.Max(t => t.Action.Length);
        for (var round = 1; round <= options.DaggerRounds; round++)
        {
            var played = PlayForLabels(environment, options, context, model, round, longestAction);
            turns.AddRange(ExpertRelabelling.Relabel(environment(), played, context, spelling, options.DaggerLabelNoise, new DeterministicRandom((ulong)(options.Seed + round) * 0xD1B54A32D192ED03UL)));
            var epochsSoFar = losses.Count;
            losses.AddRange(BehaviourCloningTrainer.Train(model, turns, cloning with { Epochs = options.DaggerEpochs, Seed = (ulong)(options.Seed + round) }, context.Tokenizer.Special.Padding,
                onEpoch is null ? null : (epoch, loss) => onEpoch(epochsSoFar + epoch, loss)));
        }

        return new BaseModel(context, model, turns.Count, longestAction, losses);
    }

    /// <summary>
    /// One DAgger round's episodes: training tasks after those the demonstrations used, on a seed of the round's own,
    /// played in batches by the model as it is now.
    /// </summary>
    private static List<Trajectory> PlayForLabels(Func<IEnvironment> environment, BaseModelOptions options, ContextPolicy context, PolicyModel model, int round, int longestAction)
    {
        const int BatchSize = 64;
        var environments = Enumerable.Range(0, Math.Min(BatchSize, options.DaggerEpisodes)).Select(_ => environment()).ToList();
        var taskIds = environments[0].Splits.TaskIds(TaskSplit.Train).ToList();
        var runner = new EpisodeRunner(model, context, new SamplingOptions { Temperature = 1.0, MaxNewTokens = Math.Min(ActionRoom, 2 * longestAction) });
        var random = new DeterministicRandom((ulong)(options.Seed + round) * 0x9E3779B97F4A7C15UL);
        var played = new List<Trajectory>(options.DaggerEpisodes);
        for (var first = 0; first < options.DaggerEpisodes; first += BatchSize)
        {
            var batch = Enumerable.Range(first, Math.Min(BatchSize, options.DaggerEpisodes - first))
                .Select((episode, i) => (environments[i], taskIds[(options.Demonstrations + ((round - 1) * options.DaggerEpisodes) + episode) % taskIds.Count], round))
                .ToList();
            played.AddRange(runner.Run(batch, random));
        }

        return played;
    }
}
