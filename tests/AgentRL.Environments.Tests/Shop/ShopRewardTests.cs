using AgentRL.Environments.Shop;

namespace AgentRL.Environments.Tests.Shop;

/// <summary>
/// Rewards computed by hand: r = r_type · (#matched attributes + #matched options + [price ≤ cap]) /
/// (#goal attributes + #goal options + 1).
/// </summary>
public sealed class ShopRewardTests
{
    private static readonly ProductType Boots = Type("hiking boots");
    private static readonly ProductType RunningShoes = Type("running shoes");
    private static readonly ProductType Headphones = Type("headphones");

    [Fact]
    public void AFullMatchScoresOneAndSucceeds()
    {
        // Goal: 2 attributes + 2 options + price = 5 items; the product satisfies all 5.
        var goal = Goal(Boots, ["waterproof", "leather"], [new("size", "9"), new("color", "black")], capCents: 6_000);
        var product = Boot(["waterproof", "leather", "insulated"], priceCents: 4_599);

        var score = ShopReward.Score(goal, product, ["9", "black"]);

        Assert.Equal(1.0, score.Value);
        Assert.True(score.Success);
    }

    [Fact]
    public void PartialMatchesEarnTheExactFraction()
    {
        // Goal: waterproof, insulated, size 9, price = 4 items. Matched: waterproof and price; insulated is missing and
        // size 9 was not selected (10 was): 2 / 4.
        var goal = Goal(Boots, ["waterproof", "insulated"], [new("size", "9")], capCents: 6_000);
        var product = Boot(["waterproof", "lightweight"], priceCents: 4_599);

        var score = ShopReward.Score(goal, product, ["10"]);

        Assert.Equal(2, score.Matched);
        Assert.Equal(4, score.Total);
        Assert.Equal(0.5, score.Value);
        Assert.False(score.Success);
    }

    [Fact]
    public void AnotherTypeOfTheSameCategoryIsScaledByOneTenth()
    {
        // Running shoes for hiking boots: every item matches (lightweight, size 9, price) = 3 / 3, times 0.1.
        var goal = Goal(Boots, ["lightweight"], [new("size", "9")], capCents: 6_000);
        var product = Make(RunningShoes, "Kestrel KX-100002 Lightweight Running Shoes", ["lightweight", "breathable"], priceCents: 3_000);

        var score = ShopReward.Score(goal, product, ["9"]);

        Assert.Equal(0.1, score.TypeFactor);
        Assert.Equal(0.1 * 3 / 3, score.Value);
        Assert.False(score.Success);
    }

    [Fact]
    public void AnUnrelatedTypeScoresZero()
    {
        // Headphones share neither category nor a name word with hiking boots.
        var goal = Goal(Boots, ["lightweight"], [new("color", "black")], capCents: 6_000);
        var product = Make(Headphones, "Kestrel KX-100003 Foldable Headphones", ["foldable", "wireless"], priceCents: 3_000);

        var score = ShopReward.Score(goal, product, ["black"]);

        Assert.Equal(0, score.TypeFactor);
        Assert.Equal(0, score.Value);
    }

    [Fact]
    public void APriceAboveTheCapLosesOneItem()
    {
        // 5 items, all but the price: 4 / 5. A price equal to the cap counts as within it.
        var goal = Goal(Boots, ["waterproof", "leather"], [new("size", "9"), new("color", "black")], capCents: 6_000);

        Assert.Equal(0.8, ShopReward.Score(goal, Boot(["waterproof", "leather"], priceCents: 6_001), ["9", "black"]).Value);
        Assert.Equal(1.0, ShopReward.Score(goal, Boot(["waterproof", "leather"], priceCents: 6_000), ["9", "black"]).Value);
    }

    [Fact]
    public void AnOptionThatWasNotSelectedIsNotMatched()
    {
        // The product is sold in black, but only size 9 was selected: 4 / 5.
        var goal = Goal(Boots, ["waterproof", "leather"], [new("size", "9"), new("color", "black")], capCents: 6_000);
        var product = Boot(["waterproof", "leather"], priceCents: 4_599);

        Assert.Equal(0.8, ShopReward.Score(goal, product, ["9"]).Value);
        Assert.Equal(0.6, ShopReward.Score(goal, product, []).Value);
    }

    [Fact]
    public void AnAttributeNamedInTheTitleCountsAsMatched()
    {
        // "leather" is not among the product's attributes but its title says "Leather": 3 / 3.
        var goal = Goal(Boots, ["leather"], [new("size", "9")], capCents: 6_000);
        var product = Make(Boots, "Kestrel KX-100001 Leather Hiking Boots", ["waterproof"], priceCents: 4_599);

        Assert.Equal(1.0, ShopReward.Score(goal, product, ["9"]).Value);
    }

    [Fact]
    public void AProductSatisfiesAnInstructionOnlyWhenBuyingItWithTheAskedOptionsWouldScoreOne()
    {
        var goal = Goal(Boots, ["waterproof"], [new("size", "9")], capCents: 6_000);

        Assert.True(ShopReward.Satisfies(goal, Boot(["waterproof"], priceCents: 4_599)));
        Assert.False(ShopReward.Satisfies(goal, Boot(["waterproof"], priceCents: 6_001)));
        Assert.False(ShopReward.Satisfies(goal, Boot(["leather"], priceCents: 4_599)));
        Assert.False(ShopReward.Satisfies(Goal(Boots, ["waterproof"], [new("size", "99")], capCents: 6_000), Boot(["waterproof"], priceCents: 4_599)));
        Assert.False(ShopReward.Satisfies(Goal(Type("running shoes"), ["waterproof"], [new("size", "9")], capCents: 6_000), Boot(["waterproof"], priceCents: 4_599)));
    }

    [Fact]
    public void BuyingTheTargetWithoutChoosingOptionsInTheShopLosesExactlyTheOptions()
    {
        // End to end: follow the expert but skip its option clicks; r = (#attributes + 1) / (#attributes + #options + 1).
        var environment = new ShopEnvironment();
        for (var taskId = 0; taskId < 50; taskId++)
        {
            var step = environment.Reset(taskId);
            var goal = environment.Instruction!;
            while (!step.Done)
            {
                var action = environment.ExpertAction()!;
                step = environment.Step(action.StartsWith("click[", StringComparison.Ordinal) && goal.Options.Any(o => action == $"click[{o.Value}]") ? "click[buy now]" : action);
            }

            Assert.Equal((goal.Attributes.Count + 1.0) / (goal.Attributes.Count + goal.Options.Count + 1), step.Info.Score);
            Assert.Equal(step.Info.Score, step.Reward);
            Assert.False(step.Info.Success);
        }
    }

    private static ProductType Type(string name) => ShopCatalogue.Types.Single(t => t.Name == name);

    private static ShopInstruction Goal(ProductType type, string[] attributes, ShopGoalOption[] options, int capCents) =>
        new(0, "a goal written by hand", Boot(attributes, capCents), type, attributes, options, capCents);

    private static Product Boot(string[] attributes, int priceCents) =>
        Make(Boots, $"Kestrel KX-100001 {ProductTitle(attributes)} Hiking Boots", attributes, priceCents);

    private static string ProductTitle(string[] attributes) => attributes.Length > 0 && !attributes[0].Contains(' ') ? char.ToUpperInvariant(attributes[0][0]) + attributes[0][1..] : "Trail";

    private static Product Make(ProductType type, string title, string[] attributes, int priceCents)
    {
        var options = type.OptionGroups.Select(g => g.Subset(Enumerable.Range(0, g.Values.Count).ToArray())).ToArray();
        return new Product(0, "B000000001", type, "Kestrel", "KX-100001", title, priceCents, attributes, options, textSeed: 7);
    }
}
