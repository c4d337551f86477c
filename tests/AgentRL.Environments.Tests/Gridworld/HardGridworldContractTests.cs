using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Tests.Contract;

namespace AgentRL.Environments.Tests.Gridworld;

public sealed class HardGridworldContractTests : EnvironmentContractTests
{
    protected override IEnvironment Create() => new GridworldEnvironment(GridworldOptions.Hard);

    protected override string ExpectedFingerprint => "951015047E9AE5E4";
}
