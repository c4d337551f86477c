using AgentRL.Environments.Generation;
using AgentRL.Environments.Shop;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Cloning;

public sealed class ActionSpellingTests
{
    [Theory]
    [InlineData("click[B0870A2356]", "click[ B0870A2356]")]
    [InlineData("search[portable bluetooth speaker]", "search[ portable bluetooth speaker]")]
    [InlineData("click[ green]", "click[ green]")]
    [InlineData("click[]", "click[]")]
    [InlineData("turn left", "turn left")]
    [InlineData("click[", "click[")]
    public void OnlyTheFirstBracketGainsASpace(string action, string spelled) => Assert.Equal(spelled, ActionSpelling.SpaceInsideBrackets(action));

    [Fact]
    public void ASpelledIdHasTheTokensItHasOnThePageAndTheShopStillAcceptsIt()
    {
        var shop = new ShopEnvironment();
        var tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(new ShopEnvironment(), 50), 1024);
        shop.Reset(0);
        var results = shop.Step(shop.ExpertAction()!);
        var click = shop.ExpertAction()!;
        var id = click["click[".Length..^1];

        var onPage = tokenizer.Encode(" " + id);
        Assert.Contains(" " + id + " ", results.Observation);
        Assert.NotEqual(onPage, tokenizer.Encode(click)[^(onPage.Length + 1)..^1]);
        Assert.Equal(onPage, tokenizer.Encode(ActionSpelling.SpaceInsideBrackets(click))[^(onPage.Length + 1)..^1]);
        Assert.True(shop.Step(ActionSpelling.SpaceInsideBrackets(click)).Info.Valid);
    }

    [Fact]
    public void DemonstrationsAreWrittenWithTheSpellingAndTheirHistoryToo()
    {
        var tokenizer = new BpeTrainer().Train(DemonstrationCollector.Corpus(new ShopEnvironment(), 20), 600);
        var context = new ContextPolicy(tokenizer, maxTurns: 1, maxTokens: 2048);
        var plain = DemonstrationCollector.Collect(new ShopEnvironment(), context, 3, 0, new DeterministicRandom(1));
        var spelled = DemonstrationCollector.Collect(new ShopEnvironment(), context, 3, 0, new DeterministicRandom(1), spelling: ActionSpelling.SpaceInsideBrackets);

        Assert.Equal(plain.Count, spelled.Count);
        Assert.All(plain.Zip(spelled), p => Assert.Equal(
            ActionSpelling.SpaceInsideBrackets(context.ActionText(p.First.Action)), context.ActionText(p.Second.Action)));
        // The second turn's context holds the first action as it was spelled.
        Assert.Contains("search[ ", tokenizer.Decode(spelled[1].Context));
        Assert.DoesNotContain("search[ ", tokenizer.Decode(plain[1].Context));
    }
}
