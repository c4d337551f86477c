using AgentRL.Environments.Text;

namespace AgentRL.Environments.Shop;

/// <summary>A kind of product ("hiking boots"): its attributes, option groups and price range.</summary>
internal sealed class ProductType
{
    internal ProductType(
        string name,
        string category,
        string[] attributes,
        ProductOptionGroup[] optionGroups,
        int minPriceDollars,
        int maxPriceDollars,
        string[] titleSuffixes,
        string[] blurbs)
    {
        Name = name;
        Category = category;
        Attributes = attributes;
        OptionGroups = optionGroups;
        MinPriceDollars = minPriceDollars;
        MaxPriceDollars = maxPriceDollars;
        TitleSuffixes = titleSuffixes;
        Blurbs = blurbs;
        NameWords = TextTokens.Tokenize(name).ToArray();
    }

    /// <summary>The name instructions use, lower-case, e.g. "hiking boots".</summary>
    public string Name { get; }

    /// <summary>A broader group ("footwear"): a product of a sibling type earns partial type credit.</summary>
    public string Category { get; }

    /// <summary>Every attribute a product of this type may have, lower-case.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>Every option group and value a product of this type may offer.</summary>
    public IReadOnlyList<ProductOptionGroup> OptionGroups { get; }

    public int MinPriceDollars { get; }

    public int MaxPriceDollars { get; }

    /// <summary>Endings for titles (" for Men"); an empty one means no ending.</summary>
    internal string[] TitleSuffixes { get; }

    /// <summary>Closing sentences of descriptions; none of their words is an attribute word.</summary>
    internal string[] Blurbs { get; }

    internal string[] NameWords { get; }

    public override string ToString() => Name;
}
