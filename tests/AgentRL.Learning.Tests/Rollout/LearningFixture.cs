using AgentRL.Learning.Cloning;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Rollout;

/// <summary>A tokenizer trained on the echo environment's text, and the context policy over it.</summary>
internal static class LearningFixture
{
    public static readonly BpeTokenizer Tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(new EchoEnvironment(), 200), 300);

    public static ContextPolicy Context(int maxTurns = 4, int maxTokens = 128) => new(Tokenizer, maxTurns, maxTokens);
}
