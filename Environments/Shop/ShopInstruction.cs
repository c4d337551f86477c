using System.Globalization;

namespace AgentRL.Environments.Shop;

/// <summary>
/// What the shopper is asked to buy: a product type, some attributes, some option values and a price cap, all taken
/// from <see cref="Target"/>, which therefore satisfies it fully. Other products may satisfy it too.
/// </summary>
internal sealed class ShopInstruction
{
    internal ShopInstruction(
        int taskId,
        string text,
        Product target,
        ProductType type,
        string[] attributes,
        ShopGoalOption[] options,
        int priceCapCents)
    {
        TaskId = taskId;
        Text = text;
        Target = target;
        Type = type;
        Attributes = attributes;
        Options = options;
        PriceCapCents = priceCapCents;
    }

    public int TaskId { get; }

    /// <summary>The instruction as the agent reads it, e.g. "i need waterproof hiking boots in black, size 9, and price lower than 60.00 dollars".</summary>
    public string Text { get; }

    /// <summary>The product the instruction was made from; the expert buys it.</summary>
    public Product Target { get; }

    public ProductType Type { get; }

    public IReadOnlyList<string> Attributes { get; }

    public IReadOnlyList<ShopGoalOption> Options { get; }

    public int PriceCapCents { get; }

    public decimal PriceCap => PriceCapCents / 100m;

    internal string PriceCapText => PriceCap.ToString("0.00", CultureInfo.InvariantCulture);

    public override string ToString() => Text;
}
