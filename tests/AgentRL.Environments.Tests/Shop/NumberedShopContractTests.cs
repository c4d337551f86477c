using AgentRL.Environments.Shop;

namespace AgentRL.Environments.Tests.Shop;

/// <summary>The whole environment contract again with results clicked by position.</summary>
public sealed class NumberedShopContractTests : ShopContractTests
{
    protected override IEnvironment Create() => new ShopEnvironment(ShopOptions.Numbered);

    protected override string ExpectedFingerprint => "8D9F55C344B56F76";
}
