using System.Globalization;

namespace AgentRL.Environments.Shop;

/// <summary>
/// One product of a <see cref="ShopCatalogue"/>. Immutable. The long texts (description, features, reviews) are
/// regenerated from a seed on each read rather than stored, so a 100,000-product catalogue stays small.
/// </summary>
internal sealed class Product
{
    private readonly string[] _attributes;
    private readonly ProductOptionGroup[] _options;

    internal Product(
        int index,
        string id,
        ProductType type,
        string brand,
        string model,
        string title,
        int priceCents,
        string[] attributes,
        ProductOptionGroup[] options,
        ulong textSeed)
    {
        Index = index;
        Id = id;
        Type = type;
        Brand = brand;
        Model = model;
        Title = title;
        PriceCents = priceCents;
        _attributes = attributes;
        _options = options;
        TextSeed = textSeed;
    }

    /// <summary>Position in the catalogue.</summary>
    public int Index { get; }

    /// <summary>The clickable id shown on results pages, e.g. "B07A3F9C21".</summary>
    public string Id { get; }

    public ProductType Type { get; }

    public string Brand { get; }

    /// <summary>The model token, unique in the catalogue, e.g. "KX-482130".</summary>
    public string Model { get; }

    public string Title { get; }

    public int PriceCents { get; }

    public decimal Price => PriceCents / 100m;

    /// <summary>"$45.99".</summary>
    public string PriceText => "$" + Price.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The product's attributes, lower-case, a subset of its type's.</summary>
    public IReadOnlyList<string> Attributes => _attributes;

    /// <summary>The option groups and the values this product is sold in.</summary>
    public IReadOnlyList<ProductOptionGroup> Options => _options;

    public string Description => ProductText.Description(this);

    /// <summary>The bullet points of the features page.</summary>
    public IReadOnlyList<string> Features => ProductText.Features(this);

    public IReadOnlyList<ProductReview> Reviews => ProductText.Reviews(this);

    internal ProductOptionGroup[] OptionArray => _options;

    internal string[] AttributeArray => _attributes;

    internal ulong TextSeed { get; }

    public override string ToString() => $"{Id} {Title}";
}
