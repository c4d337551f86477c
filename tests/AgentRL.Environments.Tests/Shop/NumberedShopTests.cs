using AgentRL.Environments.Shop;

namespace AgentRL.Environments.Tests.Shop;

public sealed class NumberedShopTests
{
    [Fact]
    public void ResultsAreLabelledByPositionAndTheLabelOpensTheSameItemAsTheId()
    {
        var (plain, numbered, plainPage, numberedPage) = SameSearchInBoth();
        var ids = plain.ValidActions()!.Where(a => a.StartsWith("click[B0", StringComparison.Ordinal)).ToList();

        Assert.Equal(10, ids.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => $"click[item {k}]"), numbered.ValidActions()!.Where(a => a.StartsWith("click[item ", StringComparison.Ordinal)));
        Assert.All(ids, id => Assert.DoesNotContain(id[6..^1], numberedPage));
        var relabelled = plainPage;
        for (var k = 0; k < ids.Count; k++)
        {
            relabelled = relabelled.Replace($" [SEP] {ids[k][6..^1]} [SEP] ", $" [SEP] item {k + 1} [SEP] ", StringComparison.Ordinal);
        }

        Assert.Equal(relabelled, numberedPage);

        foreach (var k in new[] { 1, 4, 10 })
        {
            var byId = plain.Step(ids[k - 1]);
            var byLabel = numbered.Step($"click[ITEM {k}]");
            Assert.True(byLabel.Info.Valid);
            Assert.Equal(byId.Observation, byLabel.Observation);
            Assert.Equal(plain.CellKey, numbered.CellKey);
            plain.Step("click[< prev]");
            numbered.Step("click[< prev]");
        }

        // The id still works on a numbered page, so a policy that learned either form is not refused.
        var byIdOnNumbered = numbered.Step(ids[1]);
        Assert.True(byIdOnNumbered.Info.Valid);
        Assert.Equal(plain.Step(ids[1]).Observation, byIdOnNumbered.Observation);
    }

    [Fact]
    public void ALabelCountsFromTheTopOfItsOwnPageAndOnlyLabelsShownThereAreValid()
    {
        var (plain, numbered, _, _) = SameSearchInBoth();
        plain.Step("click[next >]");
        numbered.Step("click[next >]");
        var secondPageFirstId = plain.ValidActions()!.First(a => a.StartsWith("click[B0", StringComparison.Ordinal));

        foreach (var label in new[] { "item 0", "item 11", "item -1", "item 1x", "item", "item 2 3" })
        {
            var refused = numbered.Step($"click[{label}]");
            Assert.False(refused.Info.Valid, label);
            Assert.Contains("is not a clickable value on this page", refused.Observation);
            Assert.Contains("click[item 10]", refused.Observation);
        }

        Assert.Equal(plain.Step(secondPageFirstId).Observation, numbered.Step("click[item 1]").Observation);

        // Without numbering a label is not a clickable.
        plain.Step("click[< prev]");
        Assert.False(plain.Step("click[item 1]").Info.Valid);
    }

    [Fact]
    public void TheExpertClicksResultsByLabelAndSolvesEveryTask()
    {
        var environment = new ShopEnvironment(ShopOptions.Numbered);
        var resultClicks = 0;
        for (var taskId = 0; taskId < 200; taskId++)
        {
            var step = environment.Reset(taskId);
            while (!step.Done)
            {
                var action = environment.ExpertAction()!;
                var onResults = step.Observation.Contains("(total results: ", StringComparison.Ordinal);
                if (onResults && action.StartsWith("click[item ", StringComparison.Ordinal))
                {
                    resultClicks++;
                }

                Assert.DoesNotContain("click[B0", action);
                step = environment.Step(action);
            }

            Assert.True(step.Info.Success, $"task {taskId}: {step.Observation}");
        }

        Assert.Equal(200, resultClicks);
    }

    [Fact]
    public void TheNameSaysTheResultsAreNumbered()
    {
        Assert.Equal("shop-numbered", new ShopEnvironment(ShopOptions.Numbered).Name);
        Assert.Equal("shop-5000-numbered", new ShopEnvironment(ShopOptions.Numbered with { ProductCount = 5_000 }).Name);
        Assert.Equal("shop", new ShopEnvironment(ShopOptions.Small).Name);
    }

    /// <summary>The plain and the numbered shop after the same search on the same task, with their results pages.</summary>
    private static (ShopEnvironment Plain, ShopEnvironment Numbered, string PlainPage, string NumberedPage) SameSearchInBoth()
    {
        var plain = new ShopEnvironment(ShopOptions.Small);
        var numbered = new ShopEnvironment(ShopOptions.Numbered);
        plain.Reset(3);
        numbered.Reset(3);
        return (plain, numbered, plain.Step("search[bluetooth speaker]").Observation, numbered.Step("search[bluetooth speaker]").Observation);
    }
}
