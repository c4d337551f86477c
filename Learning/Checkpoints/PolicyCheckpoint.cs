using System.Globalization;
using System.Text.Json;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Torch;
using AgentRL.Torch.Optim;
using AgentRL.Torch.Serialization;

namespace AgentRL.Learning.Checkpoints;

/// <summary>
/// A checkpoint is one folder: model.safetensors (weights), optimizer.safetensors (AdamW moments, step counts in its
/// metadata), tokenizer.json, and checkpoint.json (configuration, training step, parameter order, metadata). It is
/// written to a sibling folder and swapped in, so a crash mid-save never leaves a half checkpoint. Loading checks that
/// the pieces agree and fails with <see cref="InvalidDataException"/> saying what does not.
/// </summary>
public static class PolicyCheckpoint
{
    public const int Format = 1;
    private const string ModelFile = "model.safetensors";
    private const string OptimizerFile = "optimizer.safetensors";
    private const string TokenizerFile = "tokenizer.json";
    private const string InfoFile = "checkpoint.json";

    /// <param name="writeAlongside">
    /// Writes more into the checkpoint before it appears (given the folder being written), so what it writes, such as a
    /// learned estimator's model, lands atomically with the policy.
    /// </param>
    public static void Save(string folder, PolicyModel model, BpeTokenizer tokenizer, AdamW? optimizer, int step, IReadOnlyDictionary<string, string>? metadata = null, Action<string>? writeAlongside = null)
    {
        var full = Path.GetFullPath(folder);
        var staging = full + ".saving";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        SafeTensors.Save(Path.Combine(staging, ModelFile), model.StateDict());
        if (optimizer is not null)
        {
            OptimizerStateFile.Save(Path.Combine(staging, OptimizerFile), optimizer);
        }

        tokenizer.Save(Path.Combine(staging, TokenizerFile));
        var info = new CheckpointInfo(Format, model.Config, step, model.NamedParameters().Select(p => p.Name).ToList(), metadata ?? new Dictionary<string, string>());
        File.WriteAllText(Path.Combine(staging, InfoFile), JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }));
        writeAlongside?.Invoke(staging);

        var previous = full + ".previous";
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        if (Directory.Exists(full))
        {
            Directory.Move(full, previous);
        }

        Directory.Move(staging, full);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    public static CheckpointInfo ReadInfo(string folder)
    {
        var path = Require(folder, InfoFile);
        CheckpointInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<CheckpointInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a checkpoint description: {e.Message}");
        }

        if (info?.Config is null || info.Parameters is null)
        {
            throw new InvalidDataException($"'{path}' is incomplete.");
        }

        if (info.Format != Format)
        {
            throw new InvalidDataException($"'{path}' has checkpoint format {info.Format}; this build reads format {Format}.");
        }

        return info;
    }

    public static BpeTokenizer LoadTokenizer(string folder) => BpeTokenizer.Load(Require(folder, TokenizerFile));

    /// <summary>A model with the checkpoint's configuration and weights (in evaluation mode).</summary>
    public static PolicyModel LoadModel(string folder)
    {
        var info = ReadInfo(folder);
        var tokenizer = LoadTokenizer(folder);
        if (tokenizer.VocabularySize != info.Config.VocabularySize)
        {
            throw new InvalidDataException($"The checkpoint's tokenizer has {tokenizer.VocabularySize} tokens but its model expects {info.Config.VocabularySize}.");
        }

        return ModelWithWeights(info.Config, () => SafeTensors.Load(Require(folder, ModelFile)));
    }

    /// <summary>
    /// A new model of <paramref name="config"/> (in evaluation mode) holding the weights <paramref name="load"/> reads;
    /// the loaded tensors are freed either way, and the model too when the weights do not fit it.
    /// </summary>
    internal static PolicyModel ModelWithWeights(PolicyConfig config, Func<Dictionary<string, Tensor>> load)
    {
        var model = new PolicyModel(config);
        try
        {
            var weights = load();
            try
            {
                model.LoadStateDict(weights);
            }
            finally
            {
                foreach (var tensor in weights.Values)
                {
                    tensor.Dispose();
                }
            }

            model.Eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Restores AdamW's moments and step counts into an optimizer over <paramref name="model"/>'s parameters.</summary>
    public static void LoadOptimizer(string folder, AdamW optimizer, PolicyModel model)
    {
        var info = ReadInfo(folder);
        var names = model.NamedParameters().Select(p => p.Name).ToList();
        if (!names.SequenceEqual(info.Parameters))
        {
            throw new InvalidDataException("The checkpoint's parameters are not this model's (different names or order).");
        }

        OptimizerStateFile.Load(Require(folder, OptimizerFile), optimizer, names);
    }

    private static string Require(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : throw new InvalidDataException($"The checkpoint folder '{folder}' has no {file}.");
    }
}
