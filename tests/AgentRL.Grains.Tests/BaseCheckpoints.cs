using AgentRL.Environments;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Cloning;

namespace AgentRL.Grains.Tests;

/// <summary>Tiny base models cloned from a test environment's expert, saved as checkpoints a policy replica can serve.</summary>
internal static class BaseCheckpoints
{
    public static string Save(string folder, string name, Func<IEnvironment> environment, double actionNoise)
    {
        using var baseModel = BaseModelRecipe.Train(environment, new BaseModelOptions
        {
            Preset = "tiny", Demonstrations = 40, ActionNoise = actionNoise, Epochs = 20, ContextTokens = 64,
        });
        var path = Path.Combine(folder, name);
        PolicyCheckpoint.Save(path, baseModel.Model, baseModel.Context.Tokenizer, optimizer: null, step: 0, PolicyPackage.CheckpointMetadata(baseModel.Context, version: 0));
        return path;
    }
}
