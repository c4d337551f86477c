using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Tests.Contract;

namespace AgentRL.Environments.Tests.Gridworld;

public sealed class GridworldContractTests : EnvironmentContractTests
{
    protected override IEnvironment Create() => new GridworldEnvironment();

    protected override string ExpectedFingerprint => "52D8592FE084A631";
}
