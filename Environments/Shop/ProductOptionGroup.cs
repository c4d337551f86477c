namespace AgentRL.Environments.Shop;

/// <summary>
/// A named group of choices on an item page ("size": "8", "9", "10"). A product type lists every value the type
/// knows; a product lists the values it is sold in.
/// </summary>
internal sealed class ProductOptionGroup
{
    private readonly string[] _values;

    internal ProductOptionGroup(string name, string[] values, string phrase)
    {
        Name = name;
        _values = values;
        Phrase = phrase;
    }

    /// <summary>The group's label, e.g. "size".</summary>
    public string Name { get; }

    /// <summary>The values, lower-case; each is a clickable on the item page.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>How instructions ask for a value: "{value}" is replaced, e.g. "size {value}" or "in {value}".</summary>
    internal string Phrase { get; }

    internal string[] ValueArray => _values;

    /// <summary>The same group restricted to the values at <paramref name="positions"/>.</summary>
    internal ProductOptionGroup Subset(int[] positions)
    {
        var values = new string[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            values[i] = _values[positions[i]];
        }

        return new ProductOptionGroup(Name, values, Phrase);
    }

    internal string Describe(string value) => Phrase.Replace("{value}", value, StringComparison.Ordinal);
}
