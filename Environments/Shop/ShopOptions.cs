namespace AgentRL.Environments.Shop;

/// <summary>Settings of the WebShop-like shop (shared/ENVIRONMENTS.md, section 2).</summary>
public sealed record ShopOptions
{
    /// <summary>The most products a catalogue can hold: model numbers are unique six-digit numbers.</summary>
    public const int MaxProductCount = 900_000;

    /// <summary>The default: 1,000 products.</summary>
    public static ShopOptions Small { get; } = new();

    /// <summary>100,000 products: the same tasks are much harder to find by browsing.</summary>
    public static ShopOptions Large { get; } = new() { ProductCount = 100_000 };

    /// <summary>The default catalogue with <see cref="NumberedResults"/>.</summary>
    public static ShopOptions Numbered { get; } = new() { NumberedResults = true };

    /// <summary>Seeds the catalogue and the instructions; the same seed gives the same shop everywhere.</summary>
    public int ContentSeed { get; init; } = 2026;

    public int ProductCount { get; init; } = 1_000;

    /// <summary>Actions (valid or not) before the episode ends as a failure.</summary>
    public int StepLimit { get; init; } = 15;

    /// <summary>Reward for an invalid or unparseable action.</summary>
    public double InvalidActionPenalty { get; init; } = -0.1;

    public int ResultsPerPage { get; init; } = 10;

    /// <summary>
    /// Label each result "item 1" … "item N" in its page's order, in place of its id, and accept <c>click[item k]</c>
    /// (a click on the id still works). WebShop asks for the id, ten random characters to copy from among ten
    /// look-alikes, which small models cloned on a CPU do not learn; a position is a short word they can.
    /// </summary>
    public bool NumberedResults { get; init; }

    /// <summary>How many BM25 hits a search keeps (the results pages browse these).</summary>
    public int SearchDepth { get; init; } = 50;

    public int TrainTaskCount { get; init; } = 6_000;

    public int ValidationTaskCount { get; init; } = 500;

    public int TestTaskCount { get; init; } = 500;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for settings the shop cannot run with.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ProductCount, 1, nameof(ProductCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ProductCount, MaxProductCount, nameof(ProductCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(StepLimit, 1, nameof(StepLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InvalidActionPenalty, 0, nameof(InvalidActionPenalty));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResultsPerPage, 1, nameof(ResultsPerPage));
        ArgumentOutOfRangeException.ThrowIfLessThan(SearchDepth, 1, nameof(SearchDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainTaskCount, 1, nameof(TrainTaskCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ValidationTaskCount, 1, nameof(ValidationTaskCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(TestTaskCount, 1, nameof(TestTaskCount));
    }
}
