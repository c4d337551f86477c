using AgentRL.Environments.Shop;
using AgentRL.Environments.Tests.Contract;

namespace AgentRL.Environments.Tests.Shop;

public class ShopContractTests : EnvironmentContractTests
{
    private static readonly string[] Searches = ["hiking boots", "wireless headphones black", "organic coffee", "water bottle 32 oz", "phone case", "umbrella"];

    protected override IEnvironment Create() => new ShopEnvironment(ShopOptions.Small);

    protected override string ExpectedFingerprint => "580D337DB3095F32";

    /// <summary>
    /// The search page has no list of valid actions, so the base generator would only ever follow the expert there:
    /// mix in other searches and a search where it is refused, so random walks reach other results and items.
    /// </summary>
    protected override string RandomAction(IEnvironment environment, Random random) => random.Next(10) switch
    {
        0 => $"search[{Searches[random.Next(Searches.Length)]}]",
        1 when environment.ValidActions() is null => $"Search[ {Searches[random.Next(Searches.Length)]} ]",
        _ => base.RandomAction(environment, random),
    };
}
