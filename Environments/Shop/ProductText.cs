using System.Globalization;
using System.Text;
using AgentRL.Environments.Generation;

namespace AgentRL.Environments.Shop;

/// <summary>Writes a product's title, description, features and reviews from its fields and text seed.</summary>
internal static class ProductText
{
    private static readonly string[] FeaturePhrases =
    [
        "designed for everyday use",
        "tested by our own team",
        "a favourite with our customers",
        "made with care and attention",
        "checked before it leaves the factory",
    ];

    private static readonly string[] ReviewTemplates =
    [
        "Great {type}, exactly as described.",
        "Good value for the price.",
        "Arrived quickly and does what it should.",
        "Not perfect but I would buy it again.",
        "My second one from {brand} and I am still happy.",
        "Looks better than in the pictures.",
    ];

    public static string Title(string brand, string model, string attribute, ProductType type, string suffix) =>
        $"{brand} {model} {TitleCase(attribute)} {TitleCase(type.Name)}{suffix}";

    /// <summary>Names every attribute the product has (so the description can credit them) and nothing else it lacks.</summary>
    public static string Description(Product product)
    {
        var random = new DeterministicRandom(product.TextSeed);
        return $"The {product.Brand} {product.Model} {product.Type.Name} is {JoinWithAnd(product.AttributeArray)}. {random.Pick(product.Type.Blurbs)}";
    }

    public static IReadOnlyList<string> Features(Product product)
    {
        var random = new DeterministicRandom(product.TextSeed ^ 0x5EA7_F00DUL);
        var features = new string[product.AttributeArray.Length + 1];
        for (var i = 0; i < product.AttributeArray.Length; i++)
        {
            features[i] = $"{TitleCase(product.AttributeArray[i])}: {random.Pick(FeaturePhrases)}";
        }

        features[^1] = $"Sold by {product.Brand} with a one year warranty";
        return features;
    }

    public static IReadOnlyList<ProductReview> Reviews(Product product)
    {
        var random = new DeterministicRandom(product.TextSeed ^ 0x0BAD_CAFEUL);
        var reviews = new ProductReview[2];
        for (var i = 0; i < reviews.Length; i++)
        {
            var text = random.Pick(ReviewTemplates).Replace("{type}", product.Type.Name, StringComparison.Ordinal).Replace("{brand}", product.Brand, StringComparison.Ordinal);
            reviews[i] = new ProductReview(random.Next(3, 6), text);
        }

        return reviews;
    }

    public static string Rating(IReadOnlyList<ProductReview> reviews)
    {
        var total = 0;
        foreach (var review in reviews)
        {
            total += review.Stars;
        }

        return ((double)total / reviews.Count).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public static string JoinWithAnd(IReadOnlyList<string> words) => words.Count switch
    {
        0 => string.Empty,
        1 => words[0],
        _ => string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1],
    };

    public static string TitleCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = c == ' ';
        }

        return builder.ToString();
    }
}
