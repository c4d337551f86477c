using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Tests.Contract;

namespace AgentRL.Environments.Tests.Gridworld;

public sealed class HardGridworldContractTests : EnvironmentContractTests
{
    protected override IEnvironment Create() => new GridworldEnvironment(GridworldOptions.Hard);
}
