using AgentRL.Environments.Tests.Contract;
using AgentRL.Samples.NumberGuess;

namespace AgentRL.Environments.Tests.Samples;

/// <summary>The sample plug-in meets the same contract as the built-in environments.</summary>
public sealed class NumberGuessContractTests : EnvironmentContractTests
{
    protected override IEnvironment Create() => new NumberGuessEnvironment();

    protected override string ExpectedFingerprint => "8B368B5A4107A4AD";
}
