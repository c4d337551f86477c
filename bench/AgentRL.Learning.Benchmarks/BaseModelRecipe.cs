using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// A behaviour-cloned base model: its tokenizer, context policy, weights and how its training went; the longest
/// demonstrated action (in tokens, end-of-action included) bounds how many tokens it needs to write.
/// </summary>
internal sealed record BaseModel(BpeTokenizer Tokenizer, ContextPolicy Context, PolicyModel Model, int DemonstrationTurns, int LongestAction, IReadOnlyList<double> Losses) : IDisposable
{
    public void Dispose() => Model.Dispose();
}

/// <summary>
/// How every benchmark here gets its base model: a tokenizer trained on expert text of the environment, then behaviour
/// cloning on a limited number of (optionally noisy) expert demonstrations, so coverage of good actions is partial.
/// </summary>
internal static class BaseModelRecipe
{
    /// <summary>A small model that trains in about a minute on two cores (d=128, 3 layers).</summary>
    public static PolicyConfig Config(int vocabularySize, int maxSequenceLength) =>
        new(vocabularySize, Dimension: 128, Layers: 3, Heads: 4, Hidden: 352, MaxSequenceLength: maxSequenceLength);

    public static BaseModel Train(Func<IEnvironment> environment, int demonstrations, double noise, int contextTurns, int contextTokens, int epochs = 4)
    {
        var tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(environment(), 300), 512);
        var context = new ContextPolicy(tokenizer, maxTurns: contextTurns, maxTokens: contextTokens);
        var model = new PolicyModel(Config(tokenizer.VocabularySize, contextTokens + 32));
        var turns = DemonstrationCollector.Collect(environment(), context, demonstrations, noise, new DeterministicRandom(2));
        var losses = BehaviourCloningTrainer.Train(model, turns, new BehaviourCloningOptions { Epochs = epochs, LearningRate = 2e-3 }, tokenizer.Special.Padding);
        return new BaseModel(tokenizer, context, model, turns.Count, turns.Max(t => t.Action.Length), losses);
    }
}
