using AgentRL.Environments.Generation;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Tests.Rollout;

/// <summary>A tokenizer trained on the echo environment's text, and the context policy over it.</summary>
internal static class LearningFixture
{
    public static readonly BpeTokenizer Tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(new EchoEnvironment(), 200), 300);

    public static ContextPolicy Context(int maxTurns = 4, int maxTokens = 128, int pastActions = 0) => new(Tokenizer, maxTurns, maxTokens, pastActions);

    /// <summary>A tiny policy initialised from <paramref name="seed"/>, for tests of a learner step.</summary>
    public static PolicyModel TinyPolicy(ulong seed)
    {
        TorchRuntime.ManualSeed(seed);
        return new PolicyModel(PolicyConfig.Tiny(Tokenizer.VocabularySize) with { MaxSequenceLength = 160 });
    }

    /// <summary>Four rollouts of <paramref name="model"/> on echo tasks 0–3, sampled with <paramref name="samplerSeed"/>.</summary>
    public static IReadOnlyList<Trajectory> EchoRollouts(PolicyModel model, ulong samplerSeed)
    {
        var episodes = Enumerable.Range(0, 4).Select(i => ((Environments.IEnvironment)new EchoEnvironment(), i, 0)).ToList();
        return new EpisodeRunner(model, Context(), new SamplingOptions { MaxNewTokens = 4 }).Run(episodes, new DeterministicRandom(samplerSeed));
    }

    /// <summary>A trainer taking small steps without a reference model.</summary>
    public static PolicyTrainer Trainer(PolicyModel model) =>
        new(model, null, new PpoOptions { Schedule = new LearningRateSchedule(1e-4, 0, 1), KlCoefficient = 0 }, Tokenizer.Special.Padding);
}
