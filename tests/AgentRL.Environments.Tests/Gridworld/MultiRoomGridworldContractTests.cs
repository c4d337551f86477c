using AgentRL.Environments.Gridworld;
using AgentRL.Environments.Tests.Contract;

namespace AgentRL.Environments.Tests.Gridworld;

public sealed class MultiRoomGridworldContractTests : EnvironmentContractTests
{
    protected override IEnvironment Create() => new GridworldEnvironment(GridworldOptions.Rooms);

    protected override string ExpectedFingerprint => "C7A92BA2D56BF38D";
}
