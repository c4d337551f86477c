using AgentRL.Environments.Shop;
using AgentRL.Environments.Text;

namespace AgentRL.Environments.Tests.Shop;

public sealed class ShopEnvironmentTests
{
    [Fact]
    public void EveryInstructionIsFullySatisfiedByItsTarget()
    {
        var catalogue = ShopCatalogue.Get(ShopOptions.Small);
        for (var taskId = 0; taskId < 1_000; taskId++)
        {
            var instruction = catalogue.Instruction(taskId);
            var target = instruction.Target;

            Assert.Same(target.Type, instruction.Type);
            Assert.InRange(instruction.Attributes.Count, 1, 3);
            Assert.InRange(instruction.Options.Count, 1, 2);
            Assert.All(instruction.Attributes, a => Assert.Contains(a, target.Attributes));
            Assert.All(instruction.Options, o => Assert.Contains(o.Value, target.Options.Single(g => g.Name == o.Group).Values));
            Assert.True(target.Price < instruction.PriceCap);
            Assert.Contains(instruction.Type.Name, instruction.Text);
            Assert.All(instruction.Options, o => Assert.Contains(o.Value, instruction.Text));
            Assert.EndsWith($"price lower than {instruction.PriceCap:0.00} dollars", instruction.Text);
            Assert.True(ShopReward.Score(instruction, target, instruction.Options.Select(o => o.Value).ToList()).Success);
        }
    }

    [Fact]
    public void AProductIsNeverCreditedWithAnAttributeOfItsTypeThatItLacks()
    {
        // Titles and descriptions name only the product's own attributes, so partial credit means what it says.
        foreach (var product in ShopCatalogue.Get(ShopOptions.Small).Products)
        {
            foreach (var attribute in product.Type.Attributes.Except(product.Attributes))
            {
                var goal = new ShopInstruction(0, "hand-made", product, product.Type, [attribute], [], product.PriceCents);
                Assert.Equal(1, ShopReward.Score(goal, product, []).Matched);
            }
        }
    }

    [Fact]
    public void TheCatalogueHasManyTypesAndUniqueIdsAndModels()
    {
        var products = ShopCatalogue.Get(ShopOptions.Small).Products;

        Assert.Equal(1_000, products.Count);
        Assert.True(products.Select(p => p.Type).Distinct().Count() >= 10);
        Assert.Equal(products.Count, products.Select(p => p.Id.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(products.Count, products.Select(p => p.Model).Distinct().Count());
        Assert.All(products, p => Assert.True(p.Attributes.Count >= 2 && p.Options.All(g => g.Values.Count >= 2) && p.PriceCents > 0));
        Assert.Same(ShopCatalogue.Get(ShopOptions.Small), new ShopEnvironment().Catalogue);
    }

    [Fact]
    public void SearchIsRefusedOutsideTheSearchPage()
    {
        var environment = new ShopEnvironment();
        environment.Reset(0);
        environment.Step("search[hiking boots]");
        var key = environment.CellKey;

        var step = environment.Step("search[coffee]");

        Assert.False(step.Info.Valid);
        Assert.Equal(-0.1, step.Reward);
        Assert.False(step.Done);
        Assert.Contains("only available on the search page", step.Observation);
        Assert.Contains("click[back to search]", step.Observation);
        Assert.Equal(key, environment.CellKey);

        Assert.True(environment.Step("click[back to search]").Info.Valid);
        Assert.True(environment.Step("search[coffee]").Info.Valid);
    }

    [Fact]
    public void ResultsArePagedTenAtATimeFromTheTopFifty()
    {
        var environment = new ShopEnvironment();
        environment.Reset(0);

        var first = environment.Step("search[bluetooth speaker]");
        Assert.Contains("page 1 of 5 (total results: 50)", first.Observation);
        Assert.DoesNotContain("< prev", first.Observation);
        Assert.False(environment.Step("click[< prev]").Info.Valid);
        var firstIds = ResultIds(environment);
        Assert.Equal(10, firstIds.Count);

        var second = environment.Step("click[next >]");
        Assert.Contains("page 2 of 5", second.Observation);
        Assert.Empty(firstIds.Intersect(ResultIds(environment)));
        Assert.False(environment.Step($"click[{firstIds[0]}]").Info.Valid);

        environment.Step("click[next >]");
        environment.Step("click[next >]");
        var last = environment.Step("click[next >]");
        Assert.Contains("page 5 of 5", last.Observation);
        Assert.DoesNotContain("next >", last.Observation);

        environment.Step("click[< prev]");
        environment.Step("click[< prev]");
        environment.Step("click[< prev]");
        var back = environment.Step("click[< prev]");
        Assert.Equal(first.Observation, back.Observation);
    }

    [Fact]
    public void ClicksAreMatchedCaseInsensitivelyAndOptionsAreRemembered()
    {
        var environment = new ShopEnvironment();
        environment.Reset(0);
        var target = environment.Instruction!.Target;
        environment.Step($"search[{target.Model}]");

        var item = environment.Step($"  CLICK [ {target.Id.ToLowerInvariant()} ] ");
        Assert.True(item.Info.Valid);
        Assert.Contains(target.Title, item.Observation);

        var value = target.Options[0].Values[1];
        Assert.Contains("selected: " + value, environment.Step($"click[{value.ToUpperInvariant()}]").Observation);
        Assert.EndsWith($"|{target.Id}|{value}", environment.CellKey);

        Assert.Contains("out of 5 stars", environment.Step("click[Reviews]").Observation);
        Assert.False(environment.Step("click[features]").Info.Valid);
        var again = environment.Step("click[< prev]");
        Assert.Contains("selected: " + value, again.Observation);
    }

    [Fact]
    public void TheSameTaskGivesByteIdenticalObservationsWhateverTheSeed()
    {
        static List<string> Play(int seed)
        {
            var environment = new ShopEnvironment();
            var log = new List<string> { environment.Reset(42, seed).Observation };
            foreach (var action in new[] { "search[waterproof boots black]", "click[next >]", "click[back to search]" })
            {
                log.Add(environment.Step(action).Observation);
            }

            while (environment.ExpertAction() is { } expert)
            {
                log.Add(environment.Step(expert).Observation);
            }

            return log;
        }

        Assert.Equal(Play(0), Play(0));
        Assert.Equal(Play(0), Play(99));
    }

    [Fact]
    public void SnapshotsTakenAnywhereReplayExactly()
    {
        // Random walks that choose each action in the state it is played in (clicks, searches, invalid text), cut at a
        // random step: a second instance restored from the snapshot replays the rest identically.
        var random = new Random(77);
        string[] searches = ["hiking boots", "wireless headphones", "organic coffee", "phone case blue", "tea"];
        for (var trial = 0; trial < 200; trial++)
        {
            var environment = new ShopEnvironment();
            environment.Reset(random.Next(environment.Splits.Count));
            var cut = random.Next(14);
            byte[]? snapshot = null;
            var actions = new List<string>();
            var played = new List<string>();
            for (var i = 0; i < 15; i++)
            {
                if (i == cut)
                {
                    snapshot = environment.Snapshot();
                }

                var valid = environment.ValidActions();
                var action = random.Next(8) switch
                {
                    0 => "click[nothing here]",
                    1 or 2 => environment.ExpertAction()!,
                    _ when valid is { Count: > 0 } => valid[random.Next(valid.Count)],
                    _ => $"search[{searches[random.Next(searches.Length)]}]",
                };
                actions.Add(action);
                var step = environment.Step(action);
                played.Add($"{step.Observation}|{step.Reward:R}|{step.Done}|{step.Info}|{environment.CellKey}|{environment.ExpertAction()}");
                if (step.Done)
                {
                    break;
                }
            }

            if (snapshot is null)
            {
                continue;
            }

            var restored = new ShopEnvironment();
            restored.Restore(snapshot);
            Assert.Equal(snapshot, restored.Snapshot());
            var replayed = actions.Skip(cut).Select(a =>
            {
                var step = restored.Step(a);
                return $"{step.Observation}|{step.Reward:R}|{step.Done}|{step.Info}|{restored.CellKey}|{restored.ExpertAction()}";
            });
            Assert.Equal(played.Skip(cut), replayed);
        }
    }

    [Fact]
    public void RestoringASnapshotOfAnotherCatalogueFails()
    {
        var other = new ShopEnvironment(ShopOptions.Small with { ProductCount = 200 });
        other.Reset(0);

        Assert.Throws<FormatException>(() => new ShopEnvironment().Restore(other.Snapshot()));
    }

    [Fact]
    public void TheExpertRecoversFromAnyPageItIsLeftOn()
    {
        // Leave the expert on a wrong product's sub-page after an unrelated search: it goes back and still succeeds.
        var environment = new ShopEnvironment();
        for (var taskId = 0; taskId < 100; taskId++)
        {
            environment.Reset(taskId);
            environment.Step("search[lamp tea jacket]");
            var wrong = environment.ValidActions()!.First(a => a.StartsWith("click[B0", StringComparison.Ordinal) && a != $"click[{environment.Instruction!.Target.Id}]");
            environment.Step(wrong);
            environment.Step("click[features]");

            EnvironmentStep step;
            do
            {
                step = environment.Step(environment.ExpertAction()!);
                Assert.True(step.Info.Valid);
            }
            while (!step.Done);

            Assert.True(step.Info.Success, $"task {taskId}: {step.Observation}");
        }
    }

    [Fact]
    public void TheExpertSearchesWithTheInstructionsOwnWordsAndBuysAProductThatSatisfiesIt()
    {
        // Demonstrations must teach queries a policy can write: the words come from the instruction, never the target's
        // brand or model, and what the expert buys scores 1 whether or not it is the target.
        var environment = new ShopEnvironment();
        var boughtOtherThanTarget = 0;
        for (var taskId = 0; taskId < 200; taskId++)
        {
            var step = environment.Reset(taskId);
            var instruction = environment.Instruction!;
            var action = environment.ExpertAction()!;
            Assert.Equal($"search[{string.Join(' ', instruction.Attributes)} {instruction.Type.Name}]", action);
            Assert.All(TextTokens.Tokenize(action[7..^1]), word => Assert.Contains(word, TextTokens.Tokenize(instruction.Text)));
            while (!step.Done)
            {
                step = environment.Step(environment.ExpertAction()!);
            }

            Assert.True(step.Info.Success, $"task {taskId}: {step.Observation}");
            boughtOtherThanTarget += step.Observation.Contains($"you bought {instruction.Target.Id} ", StringComparison.Ordinal) ? 0 : 1;
        }

        Assert.InRange(boughtOtherThanTarget, 1, 199);
    }

    [Fact]
    public void WhenTheInstructionsWordsFindNothingSatisfyingTheExpertSearchesForTheTargetByName()
    {
        // In a 5,000-product catalogue some instructions' words rank no satisfying product into the top fifty.
        var options = ShopOptions.Small with { ProductCount = 5_000 };
        var environment = new ShopEnvironment(options);
        var fallbacks = 0;
        for (var taskId = 0; taskId < 300; taskId++)
        {
            var step = environment.Reset(taskId);
            var instruction = environment.Instruction!;
            var shopperQuery = $"{string.Join(' ', instruction.Attributes)} {instruction.Type.Name}";
            var shopperFinds = environment.Catalogue.SearchIndices(shopperQuery, options.SearchDepth)
                .Any(i => ShopReward.Satisfies(instruction, environment.Catalogue.ProductArray[i]));
            var target = instruction.Target;
            Assert.Equal(shopperFinds ? $"search[{shopperQuery}]" : $"search[{target.Brand} {target.Model} {target.Type.Name}]".ToLowerInvariant(), environment.ExpertAction());
            fallbacks += shopperFinds ? 0 : 1;
            while (!step.Done)
            {
                step = environment.Step(environment.ExpertAction()!);
            }

            Assert.True(step.Info.Success, $"task {taskId}: {step.Observation}");
        }

        Assert.InRange(fallbacks, 1, 30);
    }

    [Fact]
    public void TheLargePresetHasOneHundredThousandProductsAndTheExpertStillFindsTargets()
    {
        var environment = new ShopEnvironment(ShopOptions.Large);

        Assert.Equal(100_000, environment.Catalogue.Products.Count);
        Assert.Equal(100_000, environment.Catalogue.Products.Select(p => p.Model).Distinct().Count());
        foreach (var taskId in environment.Splits.TaskIds(TaskSplit.Test).Take(50))
        {
            var step = environment.Reset(taskId);
            while (!step.Done)
            {
                step = environment.Step(environment.ExpertAction()!);
            }

            Assert.True(step.Info.Success);
        }
    }

    private static List<string> ResultIds(ShopEnvironment environment) =>
        environment.ValidActions()!.Where(a => a.StartsWith("click[B0", StringComparison.Ordinal)).ToList();

    [Fact]
    public void BackToSearchIsNotAClickableOnTheSearchPage()
    {
        var environment = new ShopEnvironment();
        environment.Reset(0);

        var step = environment.Step("click[back to search]");

        Assert.False(step.Info.Valid);
        Assert.Equal(environment.Options.InvalidActionPenalty, step.Reward);
    }

    [Fact]
    public void ASearchWithoutWordsIsInvalid()
    {
        var environment = new ShopEnvironment();
        environment.Reset(0);
        var key = environment.CellKey;

        var step = environment.Step("search[?!]");

        Assert.False(step.Info.Valid);
        Assert.Contains("search needs keywords", step.Observation);
        Assert.Equal(key, environment.CellKey);
    }
}
