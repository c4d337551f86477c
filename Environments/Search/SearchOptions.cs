namespace AgentRL.Environments.Search;

/// <summary>
/// Settings of the search-tool environment. The content settings (seed, entity counts, split sizes) decide the
/// knowledge base and the questions; the episode settings (top-k, step limit, penalty) only decide how episodes run.
/// </summary>
public sealed record SearchOptions
{
    /// <summary>The default knowledge base: about 10,000 passages.</summary>
    public static SearchOptions Default { get; } = new();

    /// <summary>
    /// A knowledge base of 184 entities instead of 3,524 ("search-small"), so far fewer names for a model trained from
    /// scratch to learn to copy into queries and answers.
    /// </summary>
    public static SearchOptions Small { get; } = new()
    {
        CountryCount = 6, CityCount = 24, PersonCount = 90, CompanyCount = 24, WorkCount = 40,
        TrainTaskCount = 2_000, ValidationTaskCount = 200, TestTaskCount = 200,
    };

    /// <summary>Seed of the generated knowledge base and questions.</summary>
    public int ContentSeed { get; init; } = 2026;

    // The defaults give a corpus of about 10,000 passages (see shared/ENVIRONMENTS.md performance targets).
    public int CountryCount { get; init; } = 24;

    public int CityCount { get; init; } = 600;

    public int PersonCount { get; init; } = 1_500;

    public int CompanyCount { get; init; } = 600;

    public int WorkCount { get; init; } = 800;

    /// <summary>Probability that a new entity is given a near-miss name of an earlier one (a distractor).</summary>
    public double LookAlikeProbability { get; init; } = 0.1;

    /// <summary>Passages each search returns.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Turns (valid or not) before the episode ends as a failure.</summary>
    public int StepLimit { get; init; } = 6;

    public double InvalidActionPenalty { get; init; } = -0.1;

    public int TrainTaskCount { get; init; } = 6_000;

    public int ValidationTaskCount { get; init; } = 500;

    public int TestTaskCount { get; init; } = 500;

    /// <summary>The options with the episode-only settings reset, so equal content shares one cached knowledge base.</summary>
    internal SearchOptions ContentKey => this with { TopK = 3, StepLimit = 6, InvalidActionPenalty = -0.1 };

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CountryCount, 1, nameof(CountryCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(CityCount, CountryCount, nameof(CityCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(CompanyCount, 2, nameof(CompanyCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkCount, 1, nameof(WorkCount));

        // Every company needs its own founder, and works need at least one director and one novelist besides.
        ArgumentOutOfRangeException.ThrowIfLessThan(PersonCount, CompanyCount + 2, nameof(PersonCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(LookAlikeProbability, 0, nameof(LookAlikeProbability));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LookAlikeProbability, 1, nameof(LookAlikeProbability));
        ArgumentOutOfRangeException.ThrowIfLessThan(TopK, 1, nameof(TopK));
        ArgumentOutOfRangeException.ThrowIfLessThan(StepLimit, 1, nameof(StepLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InvalidActionPenalty, 0, nameof(InvalidActionPenalty));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainTaskCount, 0, nameof(TrainTaskCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ValidationTaskCount, 0, nameof(ValidationTaskCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(TestTaskCount, 1, nameof(TestTaskCount));
    }
}
