using System.Globalization;
using AgentRL.Environments.Text;

namespace AgentRL.Environments.Search;

/// <summary>
/// Every fixed word the generator writes: passage and question templates, occupations, industries, title patterns.
/// Generated names must avoid these words, or a name would collide with template text in the index.
/// </summary>
internal static class SearchVocabulary
{
    public static readonly string[] Onsets = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr", "tr", "th", "sh", "st"];

    public static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ae", "ei", "ou"];

    public static readonly string[] Codas = ["", "n", "r", "l", "s", "th", "m", "x", "k", "v", "nd", "rn"];

    public static readonly string[] CountrySuffixes = ["ia", "land", "mark", "ora"];

    public static readonly string[] CityPrefixes = ["Port", "Lake", "Fort", "New", "Mount", "East", "West", "Saint"];

    public static readonly string[] CityFeatures =
    [
        "its old harbour", "its textile markets", "a medieval stone bridge", "its hilltop observatory", "an annual lantern festival",
        "its salt mines", "a famous botanical garden", "its narrow canals", "a busy railway junction", "its copper foundries",
    ];

    public static readonly string[] FounderOccupations = ["entrepreneur", "engineer", "industrialist", "economist"];

    public static readonly string[] OtherOccupations = ["architect", "chemist", "painter", "historian", "physician", "composer", "teacher", "sculptor", "journalist", "botanist"];

    public const string DirectorOccupation = "film director";

    public const string NovelistOccupation = "novelist";

    public static readonly Industry[] Industries =
    [
        // Film studios and publishers first: small knowledge bases still get one of each.
        new("a film studio", ["Pictures", "Studios", "Films"], ["period dramas", "animated features", "thrillers"], WorkKind.Film),
        new("a publishing house", ["Press", "Books", "Publishing"], ["poetry collections", "travel guides", "crime fiction"], WorkKind.Novel),
        new("a software company", ["Systems", "Software", "Labs"], ["database engine", "accounting tools", "mapping apps"], null),
        new("a manufacturing company", ["Industries", "Works", "Manufacturing"], ["steel valves", "farm machinery", "precision gears"], null),
        new("a food company", ["Foods", "Provisions"], ["canned soups", "breakfast cereals", "spiced sauces"], null),
        new("an automotive company", ["Motors", "Automotive"], ["electric buses", "delivery vans", "racing engines"], null),
        new("a shipping company", ["Shipping", "Logistics"], ["river barges", "cargo routes", "cold storage"], null),
    ];

    /// <summary>Work titles around one generated word ({0}).</summary>
    public static readonly string[] TitlePatterns =
    [
        "The {0} Affair", "{0} Rising", "The Last Days of {0}", "Letters from {0}", "The {0} Variations", "Return to {0}",
        "A Winter in {0}", "The Secret of {0}", "{0}",
    ];

    public static readonly string[] WorkQualities =
    [
        "its sharp dialogue", "its bleak ending", "its patient pacing", "its vivid characters", "its unusual structure", "its striking images",
    ];

    // Passages. {0} is always the subject's name.
    public static readonly string[] PersonBirthTemplates =
    [
        "{0} is {1} who was born in {2} in {3}.",
        "{0}, {1}, was born in {2} in {3}.",
        "Born in {2} in {3}, {0} became {1}.",
    ];

    public const string FounderTemplate = "In {1}, {0} founded {2}, {3}.";
    public const string DirectedTemplate = "{0} directed {1}.";
    public const string WroteTemplate = "{0} wrote {1}.";
    public const string WorkedTemplate = "{0} worked as {1} in {2} for many years.";
    public const string StudiedTemplate = "{0} studied in {1} and later lived in {2}.";

    public const string CompanyFoundedTemplate = "{0} is {1} founded in {2} by {3}.";
    public const string CompanyHeadquartersTemplate = "{0} is headquartered in {1} and has a smaller office in {2}.";
    public const string CompanyProductTemplate = "{0} employs about {1} people and is best known for its {2}.";

    public const string CityCountryTemplate = "{0} is a city in the country of {1}.";
    public const string CapitalCountryTemplate = "{0} is a city in the country of {1} and serves as its capital.";
    public const string CityFeatureTemplate = "{0} has about {1} inhabitants and is known for {2}.";

    public const string CountryCapitalTemplate = "{0} is a country whose capital is {1}.";
    public const string CountryBordersTemplate = "{0} has about {1} million inhabitants and borders {2}.";

    public const string FilmCreatorTemplate = "{0} is a {1} film directed by {2}.";
    public const string NovelCreatorTemplate = "{0} is a novel written by {2} and first published in {1}.";
    public const string FilmProducerTemplate = "{0} was produced by {1} and is set in {2}.";
    public const string NovelProducerTemplate = "{0} was published by {1} and is set in {2}.";
    public const string CriticsTemplate = "Critics praised {0} for {1}.";

    public const string PersonLookAlikeTemplate = "{0} is not related to the {1} family, despite the similar name.";
    public const string CityLookAlikeTemplate = "{0} should not be confused with {1}; the two places are far apart.";
    public const string CompanyLookAlikeTemplate = "{0} and {1} are unrelated companies despite their similar names.";
    public const string WorkLookAlikeTemplate = "{0} is often mistaken for {1}, although the two have nothing in common.";

    // Questions. {0} is the phrase of the subject.
    public const string FilmPhrase = "the film {0}";
    public const string NovelPhrase = "the novel {0}";
    public const string FounderPhrase = "the founder of {0}";
    public const string BirthCityPhrase = "the city where {0} was born";
    public const string HeadquartersPhrase = "the city where {0} is headquartered";
    public const string DirectorPhrase = "the director of {0}";
    public const string AuthorPhrase = "the author of {0}";
    public const string StudioPhrase = "the studio that produced {0}";
    public const string PublisherPhrase = "the publisher of {0}";

    public const string BirthCityQuestion = "In which city was {0} born?";
    public const string BirthYearQuestion = "In what year was {0} born?";
    public const string FounderQuestion = "Who founded {0}?";
    public const string FoundedYearQuestion = "In what year was {0} founded?";
    public const string HeadquartersQuestion = "In which city is {0} headquartered?";
    public const string CountryQuestion = "In which country is {0}?";
    public const string DirectorQuestion = "Who directed {0}?";
    public const string AuthorQuestion = "Who wrote {0}?";
    public const string StudioQuestion = "Which studio produced {0}?";
    public const string PublisherQuestion = "Which company published {0}?";

    // The expert's query words per relation, appended to the subject's name.
    public const string BornQueryWords = "born";
    public const string FoundedQueryWords = "founded";
    public const string HeadquartersQueryWords = "headquartered";
    public const string CountryQueryWords = "city country";
    public const string DirectorQueryWords = "film directed";
    public const string AuthorQueryWords = "novel written";
    public const string StudioQueryWords = "produced";
    public const string PublisherQueryWords = "published";

    /// <summary>Every word above, lower-cased: generated names must not be one of them.</summary>
    public static readonly IReadOnlySet<string> ReservedWords = CollectReservedWords();

    public static string Format(string template, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, template, arguments);

    public static string WithArticle(string noun) => ("aeiou".Contains(noun[0]) ? "an " : "a ") + noun;

    private static HashSet<string> CollectReservedWords()
    {
        var texts = new List<string>();
        texts.AddRange(CountrySuffixes);
        texts.AddRange(CityPrefixes);
        texts.AddRange(CityFeatures);
        texts.AddRange(FounderOccupations);
        texts.AddRange(OtherOccupations);
        texts.AddRange(TitlePatterns);
        texts.AddRange(WorkQualities);
        texts.AddRange(PersonBirthTemplates);
        foreach (var industry in Industries)
        {
            texts.Add(industry.Description);
            texts.AddRange(industry.Suffixes);
            texts.AddRange(industry.Products);
        }

        // The constant templates, found by reflection so a new one cannot be forgotten here.
        texts.AddRange(typeof(SearchVocabulary)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!));

        return texts.SelectMany(TextTokens.Tokenize).ToHashSet(StringComparer.Ordinal);
    }
}
