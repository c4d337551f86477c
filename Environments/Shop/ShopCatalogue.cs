using System.Diagnostics;
using System.Globalization;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Text;

namespace AgentRL.Environments.Shop;

/// <summary>
/// The products of one shop and their BM25 index, generated from (product count, content seed). Immutable and
/// thread-safe: every environment with the same settings shares one instance through <see cref="Get(int, int)"/>,
/// so the 100,000-product preset is built once per process.
/// </summary>
internal sealed class ShopCatalogue
{
    private const int ProductStream = 1;

    private static readonly ContentCache<(int ProductCount, int ContentSeed), ShopCatalogue> Cache = new(key => new ShopCatalogue(key.ProductCount, key.ContentSeed));

    private static readonly string[] Brands =
    [
        "Kestrel", "Norvale", "Altura", "Brightwater", "Corvid", "Dunmore", "Everline", "Fenwick", "Glenrock", "Halvard",
        "Ironbark", "Juniper", "Kaldera", "Lumina", "Marrow", "Nimbus", "Oakhaven", "Pellham", "Quillon", "Ravenna",
        "Solvik", "Tamsin", "Umbra", "Valdor", "Westerly", "Xandra", "Yarrow", "Zephyra", "Ashgrove", "Bramwell",
        "Calloway", "Drayke", "Embergate", "Farrow", "Greystone", "Holloway", "Istra", "Jorvik", "Kinsale", "Larkspur",
    ];

    private readonly Product[] _products;
    private readonly Bm25Index _index;

    private ShopCatalogue(int productCount, int contentSeed)
    {
        var stopwatch = Stopwatch.StartNew();
        ContentSeed = contentSeed;
        _products = new Product[productCount];
        var documents = new string[productCount];
        var idSalt = (uint)DeterministicRandom.Seed(contentSeed, ProductStream, -1);
        var modelOffset = (int)(DeterministicRandom.Seed(contentSeed, ProductStream, -2) % 900_000);
        for (var i = 0; i < productCount; i++)
        {
            _products[i] = CreateProduct(i, contentSeed, idSalt, modelOffset);
            documents[i] = $"{_products[i].Title} {string.Join(' ', _products[i].AttributeArray)} {_products[i].Description}";
        }

        _index = new Bm25Index(documents);
        BuildTime = stopwatch.Elapsed;
    }

    public int ContentSeed { get; }

    public IReadOnlyList<Product> Products => _products;

    public static IReadOnlyList<ProductType> Types => ProductTypes.All;

    /// <summary>How long generating the products and indexing them took.</summary>
    public TimeSpan BuildTime { get; }

    internal Product[] ProductArray => _products;

    /// <summary>The shared catalogue for these settings, built on first use.</summary>
    public static ShopCatalogue Get(int productCount, int contentSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(productCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(productCount, ShopOptions.MaxProductCount);
        return Cache.Get((productCount, contentSeed));
    }

    public static ShopCatalogue Get(ShopOptions options) => Get(options.ProductCount, options.ContentSeed);

    /// <summary>The instruction of task <paramref name="taskId"/> (any non-negative id; splits decide which are used).</summary>
    public ShopInstruction Instruction(int taskId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(taskId);
        return ShopInstructions.Create(this, taskId);
    }

    /// <summary>The best <paramref name="depth"/> products for <paramref name="query"/> by BM25 over title, attributes and description.</summary>
    public IReadOnlyList<Product> Search(string query, int depth) => Array.ConvertAll(SearchIndices(query, depth), i => _products[i]);

    internal int[] SearchIndices(string query, int depth)
    {
        var hits = _index.Search(query, depth);
        var indices = new int[hits.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = hits[i].Document;
        }

        return indices;
    }

    private static Product CreateProduct(int index, int contentSeed, uint idSalt, int modelOffset)
    {
        var random = new DeterministicRandom(DeterministicRandom.Seed(contentSeed, ProductStream, index));
        var type = random.Pick(ProductTypes.All);
        var brand = random.Pick(Brands);

        // Multiplying by an odd number (resp. one coprime to 900,000) is a bijection, so ids and model numbers are unique.
        var id = string.Create(CultureInfo.InvariantCulture, $"B0{unchecked((uint)index * 0x9E3779B1u + idSalt):X8}");
        var number = 100_000 + (int)(((long)index * 7_919 + modelOffset) % 900_000);
        var model = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}-{number}");

        var attributeCount = random.Next(2, Math.Min(4, type.Attributes.Count) + 1);
        var attributes = Array.ConvertAll(random.Subset(type.Attributes.Count, attributeCount), p => type.Attributes[p]);

        var options = new ProductOptionGroup[type.OptionGroups.Count];
        for (var g = 0; g < options.Length; g++)
        {
            var group = type.OptionGroups[g];
            var valueCount = random.Next(2, Math.Min(5, group.Values.Count) + 1);
            options[g] = group.Subset(random.Subset(group.Values.Count, valueCount));
        }

        int[] endings = [99, 49, 95, 0];
        var priceCents = random.Next(type.MinPriceDollars, type.MaxPriceDollars) * 100 + endings[random.Next(endings.Length)];
        var title = ProductText.Title(brand, model, random.Pick(attributes), type, random.Pick(type.TitleSuffixes));
        return new Product(index, id, type, brand, model, title, priceCents, attributes, options, random.NextUInt64());
    }
}
