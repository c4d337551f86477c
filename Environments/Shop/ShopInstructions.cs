using System.Globalization;
using AgentRL.Environments.Generation;

namespace AgentRL.Environments.Shop;

/// <summary>Makes the instruction of a task from a target product drawn by (content seed, task id).</summary>
internal static class ShopInstructions
{
    private const int TaskStream = 2;

    private static readonly string[] Openers = ["i need", "i am looking for", "find me", "i want to buy", "i would like"];

    public static ShopInstruction Create(ShopCatalogue catalogue, int taskId)
    {
        var random = new DeterministicRandom(DeterministicRandom.Seed(catalogue.ContentSeed, TaskStream, taskId));
        var target = catalogue.ProductArray[random.Next(catalogue.ProductArray.Length)];

        var attributePositions = random.Subset(target.AttributeArray.Length, random.Next(1, Math.Min(3, target.AttributeArray.Length) + 1));
        var attributes = Array.ConvertAll(attributePositions, p => target.AttributeArray[p]);

        var groupPositions = random.Subset(target.OptionArray.Length, random.Next(1, Math.Min(2, target.OptionArray.Length) + 1));
        var options = new ShopGoalOption[groupPositions.Length];
        for (var i = 0; i < options.Length; i++)
        {
            var group = target.OptionArray[groupPositions[i]];
            options[i] = new ShopGoalOption(group.Name, random.Pick(group.Values));
        }

        var priceCapCents = PriceCap(target.PriceCents, random);
        var text = Phrase(random.Pick(Openers), attributes, target.Type, target.OptionArray, options, priceCapCents);
        return new ShopInstruction(taskId, text, target, target.Type, attributes, options, priceCapCents);
    }

    /// <summary>A round cap 10–60% above the price, as a person would say it.</summary>
    private static int PriceCap(int priceCents, DeterministicRandom random)
    {
        var dollars = (int)Math.Ceiling(priceCents * (110 + random.Next(51)) / 10_000.0);
        if (dollars > 20)
        {
            dollars = (dollars + 9) / 10 * 10;
        }

        return dollars * 100;
    }

    private static string Phrase(string opener, string[] attributes, ProductType type, IReadOnlyList<ProductOptionGroup> groups, ShopGoalOption[] options, int priceCapCents)
    {
        // "i need waterproof hiking boots in black, size 9, and price lower than 60.00 dollars"
        var parts = new List<string> { $"{opener} {ProductText.JoinWithAnd(attributes)} {type.Name}" };
        for (var i = 0; i < options.Length; i++)
        {
            var phrase = groups.First(g => g.Name == options[i].Group).Describe(options[i].Value);
            if (i == 0)
            {
                parts[0] += " " + phrase;
            }
            else
            {
                parts.Add(phrase);
            }
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"and price lower than {priceCapCents / 100m:0.00} dollars"));
        return string.Join(", ", parts);
    }
}
