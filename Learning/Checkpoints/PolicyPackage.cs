using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Checkpoints;

/// <summary>
/// One weight version as a single blob: everything a policy replica needs to act (configuration, tokenizer, context
/// settings, weights), as safetensors bytes with the rest in the metadata. The learner publishes one per version;
/// replicas on any silo load it without touching the learner's disk.
/// </summary>
public static class PolicyPackage
{
    private const string FormatKey = "agentrl.package";
    private const string FormatValue = "policy/1";
    private const string MaxActionTokensKey = "max-action-tokens";
    private const string PastActionsKey = "context.actions";

    public static byte[] Pack(PolicyModel model, ContextPolicy context, int version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["config"] = JsonSerializer.Serialize(model.Config),
            ["tokenizer"] = Encoding.UTF8.GetString(context.Tokenizer.ToBytes()),
            ["context.turns"] = context.MaxTurns.ToString(CultureInfo.InvariantCulture),
            ["context.tokens"] = context.MaxTokens.ToString(CultureInfo.InvariantCulture),
            [PastActionsKey] = context.PastActions.ToString(CultureInfo.InvariantCulture),
        };
        return SafeTensors.Serialize(model.StateDict(), metadata);
    }

    /// <summary>
    /// Checkpoint metadata that lets <see cref="FromCheckpoint"/> rebuild a package: the context settings, the weight
    /// version and, when known, the most tokens an action needs (pass it to <see cref="PolicyCheckpoint.Save"/>).
    /// </summary>
    public static Dictionary<string, string> CheckpointMetadata(ContextPolicy context, int version, int? maxActionTokens = null)
    {
        var metadata = new Dictionary<string, string>
        {
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["context.turns"] = context.MaxTurns.ToString(CultureInfo.InvariantCulture),
            ["context.tokens"] = context.MaxTokens.ToString(CultureInfo.InvariantCulture),
            [PastActionsKey] = context.PastActions.ToString(CultureInfo.InvariantCulture),
        };
        if (maxActionTokens is { } tokens)
        {
            metadata[MaxActionTokensKey] = tokens.ToString(CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    /// <summary>The weight version <see cref="CheckpointMetadata"/> recorded.</summary>
    public static int Version(CheckpointInfo checkpoint) => Integer(checkpoint.Metadata, "version");

    /// <summary>The action length <see cref="CheckpointMetadata"/> recorded, or null when it recorded none.</summary>
    public static int? MaxActionTokens(CheckpointInfo checkpoint) =>
        checkpoint.Metadata.ContainsKey(MaxActionTokensKey) ? Integer(checkpoint.Metadata, MaxActionTokensKey) : null;

    /// <summary>How many past turns the context <see cref="CheckpointMetadata"/> recorded shows, or null when it recorded none.</summary>
    public static int? HistoryTurns(CheckpointInfo checkpoint) =>
        checkpoint.Metadata.ContainsKey("context.turns")
            ? Integer(checkpoint.Metadata, "context.turns") + PastActions(checkpoint.Metadata)
            : null;

    /// <summary>The package of a checkpoint saved with <see cref="CheckpointMetadata"/>.</summary>
    public static byte[] FromCheckpoint(string folder)
    {
        var info = PolicyCheckpoint.ReadInfo(folder);
        using var model = PolicyCheckpoint.LoadModel(folder);
        return Pack(model, Context(PolicyCheckpoint.LoadTokenizer(folder), info.Metadata), Integer(info.Metadata, "version"));
    }

    /// <summary>
    /// The context policy that package or checkpoint metadata describes (written by <see cref="Pack"/> or
    /// <see cref="CheckpointMetadata"/>); metadata from before past actions were recorded has none.
    /// </summary>
    public static ContextPolicy Context(BpeTokenizer tokenizer, IReadOnlyDictionary<string, string> metadata) =>
        new(tokenizer, Integer(metadata, "context.turns"), Integer(metadata, "context.tokens"), PastActions(metadata));

    /// <summary>The weight version a package holds, read without loading the weights.</summary>
    public static int Version(byte[] package) => Integer(Metadata(package), "version");

    /// <summary>A new model (in evaluation mode) with the package's weights, and its context policy.</summary>
    public static LoadedPolicy Unpack(byte[] package)
    {
        var metadata = Metadata(package);
        PolicyConfig config;
        try
        {
            config = JsonSerializer.Deserialize<PolicyConfig>(Required(metadata, "config")) ?? throw Invalid("its configuration is empty");
        }
        catch (JsonException e)
        {
            throw Invalid($"its configuration is not valid JSON ({e.Message})");
        }

        var tokenizer = BpeTokenizer.FromBytes(Encoding.UTF8.GetBytes(Required(metadata, "tokenizer")));
        if (tokenizer.VocabularySize != config.VocabularySize)
        {
            throw Invalid($"its tokenizer has {tokenizer.VocabularySize} tokens but its model expects {config.VocabularySize}");
        }

        var context = Context(tokenizer, metadata);
        var model = PolicyCheckpoint.ModelWithWeights(config, () => SafeTensors.Deserialize(package, "policy package"));
        return new LoadedPolicy(model, context, Integer(metadata, "version"));
    }

    private static IReadOnlyDictionary<string, string> Metadata(byte[] package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var metadata = SafeTensors.ReadMetadata(package, "policy package");
        return metadata.TryGetValue(FormatKey, out var format) && format == FormatValue
            ? metadata
            : throw Invalid($"it is not a {FormatValue} package");
    }

    private static int PastActions(IReadOnlyDictionary<string, string> metadata) =>
        metadata.ContainsKey(PastActionsKey) ? Integer(metadata, PastActionsKey) : 0;

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) ? value : throw Invalid($"it has no \"{key}\"");

    private static int Integer(IReadOnlyDictionary<string, string> metadata, string key) =>
        int.TryParse(Required(metadata, key), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"its \"{key}\" is not a non-negative integer");

    private static InvalidDataException Invalid(string reason) => new($"Cannot load the policy package: {reason}.");
}
