using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
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
        ArgumentNullException.ThrowIfNull(options);
        var device = Device.Resolve(options.Device);
        var tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(environment(), options.TokenizerEpisodes), options.VocabularySize);
        var context = new ContextPolicy(tokenizer, maxTurns: options.ContextTurns, maxTokens: options.ContextTokens);
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
        ArgumentNullException.ThrowIfNull(options);
        var trained = Clone(environment, options, existing.Context, existing.Model, onEpoch);
        return trained with { Losses = [.. existing.Losses, .. trained.Losses] };
    }

    private static BaseModel Clone(Func<IEnvironment> environment, BaseModelOptions options, ContextPolicy context, PolicyModel model, Action<int, double>? onEpoch)
    {
        var turns = DemonstrationCollector.Collect(environment(), context, options.Demonstrations, options.ActionNoise, new DeterministicRandom((ulong)options.Seed), recoveryNoise: options.RecoveryNoise,
            spelling: options.SpaceInsideBrackets ? ActionSpelling.SpaceInsideBrackets : null);
        var cloning = new BehaviourCloningOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, LearningRate = options.LearningRate, BucketByLength = options.BucketByLength, Seed = (ulong)options.Seed };
        var losses = BehaviourCloningTrainer.Train(model, turns, cloning, context.Tokenizer.Special.Padding, onEpoch);
        return new BaseModel(context, model, turns.Count, turns.Max(t => t.Action.Length), losses);
    }
}
