using AgentRL.Environments.Text;

namespace AgentRL.Environments.Shop;

/// <summary>Grades a purchase against an instruction (shared/ENVIRONMENTS.md, section 2, "Reward").</summary>
internal static class ShopReward
{
    /// <summary>
    /// Type: 1 for the asked type; 0.1 for another type of the same category or whose title shares a word with the
    /// asked type's name (a near miss); 0 when nothing overlaps. Attribute: matched when the product has it or all of
    /// its words appear in the title or description. Option: matched when that value was selected. Price: matched when
    /// at most the cap.
    /// </summary>
    public static ShopScore Score(ShopInstruction goal, Product product, IReadOnlyList<string> selectedValues)
    {
        HashSet<string>? words = null;
        var matched = 0;
        foreach (var attribute in goal.Attributes)
        {
            if (Array.IndexOf(product.AttributeArray, attribute) >= 0)
            {
                matched++;
                continue;
            }

            words ??= [.. TextTokens.Tokenize(product.Title), .. TextTokens.Tokenize(product.Description)];
            if (TextTokens.Tokenize(attribute).All(words.Contains))
            {
                matched++;
            }
        }

        foreach (var option in goal.Options)
        {
            if (selectedValues.Contains(option.Value, StringComparer.Ordinal))
            {
                matched++;
            }
        }

        if (product.PriceCents <= goal.PriceCapCents)
        {
            matched++;
        }

        return new ShopScore(TypeFactor(goal.Type, product), matched, goal.Attributes.Count + goal.Options.Count + 1);
    }

    /// <summary>Whether buying the product, with the asked option values selected where it offers them, scores 1.</summary>
    public static bool Satisfies(ShopInstruction goal, Product product)
    {
        if (!ReferenceEquals(product.Type, goal.Type) || product.PriceCents > goal.PriceCapCents)
        {
            return false;
        }

        var offered = new List<string>(goal.Options.Count);
        foreach (var option in goal.Options)
        {
            if (Array.Exists(product.OptionArray, g => g.Name == option.Group && Array.IndexOf(g.ValueArray, option.Value) >= 0))
            {
                offered.Add(option.Value);
            }
        }

        return offered.Count == goal.Options.Count && Score(goal, product, offered).Success;
    }

    private static double TypeFactor(ProductType wanted, Product product)
    {
        if (ReferenceEquals(product.Type, wanted))
        {
            return 1;
        }

        if (product.Type.Category == wanted.Category)
        {
            return 0.1;
        }

        var titleWords = TextTokens.Tokenize(product.Title);
        return wanted.NameWords.Any(titleWords.Contains) ? 0.1 : 0;
    }
}
