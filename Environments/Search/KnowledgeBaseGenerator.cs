using AgentRL.Environments.Generation;
using static AgentRL.Environments.Search.SearchVocabulary;

namespace AgentRL.Environments.Search;

/// <summary>
/// Builds a <see cref="SearchKnowledgeBase"/> from <see cref="SearchOptions"/>: entities with syllable names (some
/// with look-alike names of earlier ones), their relations, then several short passages per entity. One random
/// sequence drives everything, so the same options give the same passages.
/// </summary>
internal sealed class KnowledgeBaseGenerator
{
    // Independent random streams of one content seed.
    private const int KnowledgeStream = 1;

    private readonly SearchOptions _options;
    private readonly DeterministicRandom _random;
    private readonly NameGenerator _names;
    private readonly List<KnowledgeEntity> _entities = [];
    private readonly List<Passage> _passages = [];
    private readonly Dictionary<(int Subject, Relation Relation), (int ObjectId, IReadOnlyList<string> Aliases)> _facts = [];
    private readonly Dictionary<(int Subject, Relation Relation), List<int>> _support = [];
    private readonly List<(int Original, int LookAlike)> _lookAlikes = [];

    private readonly List<int> _countries = [];
    private readonly List<int> _cities = [];
    private readonly List<int> _people = [];
    private readonly List<int> _companies = [];
    private readonly List<int> _works = [];

    // Attributes by entity id (only the entries of the matching kind are meaningful).
    private readonly int[] _capital;
    private readonly int[] _birthYear;
    private readonly string[] _surname;
    private readonly string[] _occupation;
    private readonly int[] _industry;
    private readonly int[] _foundedYear;
    private readonly WorkKind[] _workKind;
    private readonly int[] _workYear;
    private readonly int[] _titlePattern;
    private readonly List<int>[] _worksByCreator;
    private readonly int[] _companyOfFounder;

    public KnowledgeBaseGenerator(SearchOptions options)
    {
        _options = options;
        _random = new DeterministicRandom(DeterministicRandom.Seed(options.ContentSeed, KnowledgeStream, 0));
        _names = new NameGenerator(_random);
        var total = options.CountryCount + options.CityCount + options.PersonCount + options.CompanyCount + options.WorkCount;
        _capital = new int[total];
        _birthYear = new int[total];
        _surname = new string[total];
        _occupation = new string[total];
        _industry = new int[total];
        _foundedYear = new int[total];
        _workKind = new WorkKind[total];
        _workYear = new int[total];
        _titlePattern = new int[total];
        _worksByCreator = new List<int>[total];
        _companyOfFounder = Enumerable.Repeat(-1, total).ToArray();
    }

    public SearchKnowledgeBase Generate()
    {
        CreateCountries();
        CreateCities();
        CreatePeople();
        var (founders, directors, novelists) = AssignRoles();
        CreateCompanies(founders);
        CreateWorks(directors, novelists);

        WriteCountryPassages();
        WriteCityPassages();
        WritePersonPassages();
        WriteCompanyPassages();
        WriteWorkPassages();
        WriteLookAlikePassages();

        var facts = _facts.Select(f => new KnowledgeFact(
            f.Key.Subject,
            f.Key.Relation,
            f.Value.ObjectId,
            f.Value.Aliases,
            _support.TryGetValue(f.Key, out var passages) ? passages.ToArray() : []));
        return new SearchKnowledgeBase(_entities.ToArray(), _passages.ToArray(), facts.ToArray());
    }

    private void CreateCountries()
    {
        for (var i = 0; i < _options.CountryCount; i++)
        {
            var name = _names.NewWord(2, 2, allowCoda: false) + Pick(CountrySuffixes);
            _countries.Add(AddEntity(EntityKind.Country, name, [name], "country"));
        }
    }

    private void CreateCities()
    {
        for (var i = 0; i < _options.CityCount; i++)
        {
            string? prefix;
            string? root;
            var original = LookAlikeOf(_cities);
            if (original >= 0 && (root = _names.LookAlike(Root(_entities[original]))) is not null)
            {
                prefix = Prefix(_entities[original]);
            }
            else
            {
                original = -1;
                prefix = _random.Next(4) == 0 ? Pick(CityPrefixes) : null;
                root = _names.NewWord(2, 3);
            }

            var name = prefix is null ? root : $"{prefix} {root}";
            var id = AddEntity(EntityKind.City, name, prefix is null ? [name] : [name, root], "city");
            _cities.Add(id);
            NoteLookAlike(original, id);

            // The first cities make sure every country has one (its capital); the rest go anywhere.
            var country = i < _countries.Count ? _countries[i] : Pick(_countries);
            if (i < _countries.Count)
            {
                _capital[country] = id;
            }

            AddFact(id, Relation.Country, country);
        }
    }

    private void CreatePeople()
    {
        // First names repeat across people (as in life); surnames are distinctive words.
        var firstNames = Enumerable.Range(0, Math.Max(8, _options.PersonCount / 10)).Select(_ => _names.NewWord(2, 2, allowCoda: _random.Next(2) == 0)).ToArray();
        for (var i = 0; i < _options.PersonCount; i++)
        {
            string first;
            string? surname;
            var original = LookAlikeOf(_people);
            if (original >= 0 && (surname = _names.LookAlike(_surname[original])) is not null)
            {
                first = _entities[original].Name[..^(_surname[original].Length + 1)];
            }
            else
            {
                original = -1;
                first = firstNames[_random.Next(firstNames.Length)];
                surname = _names.NewWord(2, 3);
            }

            var name = $"{first} {surname}";
            var id = AddEntity(EntityKind.Person, name, [name, surname], string.Empty);
            _people.Add(id);
            _surname[id] = surname;
            NoteLookAlike(original, id);
            _birthYear[id] = _random.Next(1900, 1986);
            AddFact(id, Relation.BirthCity, Pick(_cities));
            AddLiteralFact(id, Relation.BirthYear, _birthYear[id].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Every company gets its own founder; the other people direct films, write novels or do something else.</summary>
    private (List<int> Founders, List<int> Directors, List<int> Novelists) AssignRoles()
    {
        var shuffled = _people.ToArray();
        _random.Shuffle(shuffled);
        var founders = shuffled.Take(_options.CompanyCount).ToList();
        var directors = new List<int>();
        var novelists = new List<int>();
        foreach (var person in founders)
        {
            _occupation[person] = Pick(FounderOccupations);
        }

        var rest = shuffled.Skip(_options.CompanyCount).ToArray();
        for (var i = 0; i < rest.Length; i++)
        {
            var roll = i < 2 ? i : _random.Next(10);
            if (roll is 0 or 2 or 4 or 6)
            {
                directors.Add(rest[i]);
                _occupation[rest[i]] = DirectorOccupation;
            }
            else if (roll is 1 or 3 or 5 or 7)
            {
                novelists.Add(rest[i]);
                _occupation[rest[i]] = NovelistOccupation;
            }
            else
            {
                _occupation[rest[i]] = Pick(OtherOccupations);
            }
        }

        foreach (var person in _people)
        {
            _entities[person] = _entities[person] with { Description = _occupation[person] };
        }

        return (founders, directors, novelists);
    }

    private void CreateCompanies(List<int> founders)
    {
        for (var i = 0; i < _options.CompanyCount; i++)
        {
            int industry;
            string suffix;
            string? root;
            // The first companies cover every industry (films and novels need their studios and publishers), so
            // none of them copies another's industry as a look-alike.
            var original = i < 2 * Industries.Length ? -1 : LookAlikeOf(_companies);
            if (original >= 0 && (root = _names.LookAlike(Root(_entities[original]))) is not null)
            {
                industry = _industry[original];
                suffix = _entities[original].Name[(_entities[original].Name.IndexOf(' ') + 1)..];
            }
            else
            {
                original = -1;
                industry = i < 2 * Industries.Length ? i % Industries.Length : _random.Next(Industries.Length);
                suffix = Pick(Industries[industry].Suffixes);
                root = _names.NewWord(2, 3);
            }

            var name = $"{root} {suffix}";
            var id = AddEntity(EntityKind.Company, name, [name, root], Industries[industry].Description);
            _companies.Add(id);
            NoteLookAlike(original, id);
            _industry[id] = industry;
            var founder = founders[i];
            _foundedYear[id] = Math.Min(2023, _birthYear[founder] + _random.Next(24, 50));
            AddFact(id, Relation.Founder, founder);
            _companyOfFounder[founder] = id;
            AddLiteralFact(id, Relation.FoundedYear, _foundedYear[id].ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddFact(id, Relation.Headquarters, Pick(_cities));
        }
    }

    private void CreateWorks(List<int> directors, List<int> novelists)
    {
        var studios = _companies.Where(c => Industries[_industry[c]].Makes == WorkKind.Film).ToList();
        var publishers = _companies.Where(c => Industries[_industry[c]].Makes == WorkKind.Novel).ToList();
        for (var i = 0; i < _options.WorkCount; i++)
        {
            WorkKind kind;
            int pattern;
            string? word;
            var original = LookAlikeOf(_works);
            if (original >= 0 && (word = _names.LookAlike(TitleWord(original))) is not null)
            {
                kind = _workKind[original];
                pattern = _titlePattern[original];
            }
            else
            {
                original = -1;
                kind = _random.Next(2) == 0 ? WorkKind.Film : WorkKind.Novel;
                pattern = _random.Next(TitlePatterns.Length);
                word = _names.NewWord(2, 3);
            }

            var title = Format(TitlePatterns[pattern], word);
            var aliases = new List<string> { title };
            foreach (var article in new[] { "The ", "A " })
            {
                if (title.StartsWith(article, StringComparison.Ordinal))
                {
                    aliases.Add(title[article.Length..]);
                }
            }

            var id = AddEntity(EntityKind.Work, title, aliases, kind == WorkKind.Film ? "film" : "novel");
            _works.Add(id);
            NoteLookAlike(original, id);
            _workKind[id] = kind;
            _titlePattern[id] = pattern;
            var creator = kind == WorkKind.Film ? Pick(directors) : Pick(novelists);
            (_worksByCreator[creator] ??= []).Add(id);
            _workYear[id] = Math.Min(2024, _birthYear[creator] + _random.Next(22, 60));
            AddFact(id, Relation.Creator, creator);
            AddFact(id, Relation.Producer, kind == WorkKind.Film ? Pick(studios) : Pick(publishers));
        }
    }

    private void WriteCountryPassages()
    {
        foreach (var country in _countries)
        {
            var name = _entities[country].Name;
            AddPassage(country, Format(CountryCapitalTemplate, name, _entities[_capital[country]].Name));
            var neighbour = _countries.Count > 1 ? PickOther(_countries, country) : country;
            AddPassage(country, Format(CountryBordersTemplate, name, _random.Next(1, 90), _entities[neighbour].Name));
        }
    }

    private void WriteCityPassages()
    {
        foreach (var city in _cities)
        {
            var name = _entities[city].Name;
            var country = _facts[(city, Relation.Country)].ObjectId;
            var template = _capital[country] == city ? CapitalCountryTemplate : CityCountryTemplate;
            AddPassage(city, Format(template, name, _entities[country].Name), (city, Relation.Country));
            AddPassage(city, Format(CityFeatureTemplate, name, (_random.Next(5, 900) * 1000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Pick(CityFeatures)));
        }
    }

    private void WritePersonPassages()
    {
        foreach (var person in _people)
        {
            var name = _entities[person].Name;
            var birthCity = _facts[(person, Relation.BirthCity)].ObjectId;
            AddPassage(
                person,
                Format(Pick(PersonBirthTemplates), name, WithArticle(_occupation[person]), _entities[birthCity].Name, _birthYear[person]),
                (person, Relation.BirthCity),
                (person, Relation.BirthYear));

            WriteRolePassage(person, name);

            // Other cities in a person's life: distractors for "where was X born?".
            AddPassage(person, Format(StudiedTemplate, _surname[person], _entities[PickOther(_cities, birthCity)].Name, _entities[PickOther(_cities, birthCity)].Name));
        }
    }

    private void WriteRolePassage(int person, string name)
    {
        var company = _companyOfFounder[person];
        var works = _worksByCreator[person];
        if (company >= 0)
        {
            AddPassage(
                person,
                Format(FounderTemplate, name, _foundedYear[company], _entities[company].Name, Industries[_industry[company]].Description),
                (company, Relation.Founder),
                (company, Relation.FoundedYear));
        }
        else if (works is { Count: > 0 })
        {
            var kind = _workKind[works[0]];
            var noun = kind == WorkKind.Film ? "film" : "novel";
            var titles = works.Select(w => _entities[w].Name).ToList();
            var listed = titles.Count == 1
                ? $"the {noun} {titles[0]}"
                : $"the {noun}s {string.Join(", ", titles.Take(titles.Count - 1))} and {titles[^1]}";
            AddPassage(
                person,
                Format(kind == WorkKind.Film ? DirectedTemplate : WroteTemplate, name, listed),
                works.Select(w => (w, Relation.Creator)).ToArray());
        }
        else
        {
            AddPassage(person, Format(WorkedTemplate, name, WithArticle(_occupation[person]), _entities[Pick(_cities)].Name));
        }
    }

    private void WriteCompanyPassages()
    {
        foreach (var company in _companies)
        {
            var name = _entities[company].Name;
            var industry = Industries[_industry[company]];
            var founder = _facts[(company, Relation.Founder)].ObjectId;
            var headquarters = _facts[(company, Relation.Headquarters)].ObjectId;
            AddPassage(
                company,
                Format(CompanyFoundedTemplate, name, industry.Description, _foundedYear[company], _entities[founder].Name),
                (company, Relation.Founder),
                (company, Relation.FoundedYear));
            AddPassage(company, Format(CompanyHeadquartersTemplate, name, _entities[headquarters].Name, _entities[PickOther(_cities, headquarters)].Name), (company, Relation.Headquarters));
            AddPassage(company, Format(CompanyProductTemplate, name, (_random.Next(2, 400) * 25).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Pick(industry.Products)));
        }
    }

    private void WriteWorkPassages()
    {
        foreach (var work in _works)
        {
            var title = _entities[work].Name;
            var creator = _entities[_facts[(work, Relation.Creator)].ObjectId].Name;
            var producer = _entities[_facts[(work, Relation.Producer)].ObjectId].Name;
            var film = _workKind[work] == WorkKind.Film;
            AddPassage(work, Format(film ? FilmCreatorTemplate : NovelCreatorTemplate, title, _workYear[work], creator), (work, Relation.Creator));
            AddPassage(work, Format(film ? FilmProducerTemplate : NovelProducerTemplate, title, producer, _entities[Pick(_cities)].Name), (work, Relation.Producer));
            AddPassage(work, Format(CriticsTemplate, title, Pick(WorkQualities)));
        }
    }

    private void WriteLookAlikePassages()
    {
        foreach (var (original, lookAlike) in _lookAlikes)
        {
            var template = _entities[lookAlike].Kind switch
            {
                EntityKind.Person => PersonLookAlikeTemplate,
                EntityKind.City => CityLookAlikeTemplate,
                EntityKind.Company => CompanyLookAlikeTemplate,
                _ => WorkLookAlikeTemplate,
            };
            // A person's look-alike passage names the other family only, so it does not outrank the person's own passages.
            var other = template == PersonLookAlikeTemplate ? _surname[original] : _entities[original].Name;
            AddPassage(lookAlike, Format(template, _entities[lookAlike].Name, other));
        }
    }

    private int AddEntity(EntityKind kind, string name, IReadOnlyList<string> aliases, string description)
    {
        var id = _entities.Count;
        _entities.Add(new KnowledgeEntity(id, kind, name, aliases, description));
        return id;
    }

    private void AddFact(int subject, Relation relation, int objectId) => _facts[(subject, relation)] = (objectId, _entities[objectId].Aliases);

    private void AddLiteralFact(int subject, Relation relation, string value) => _facts[(subject, relation)] = (-1, [value]);

    private void AddPassage(int subject, string text, params (int Subject, Relation Relation)[] states)
    {
        var id = _passages.Count;
        _passages.Add(new Passage(id, subject, text));
        foreach (var fact in states)
        {
            if (!_support.TryGetValue(fact, out var list))
            {
                _support[fact] = list = [];
            }

            list.Add(id);
        }
    }

    /// <summary>An earlier entity to imitate, or -1 (most entities get a name of their own).</summary>
    private int LookAlikeOf(List<int> earlier) =>
        earlier.Count > 0 && _random.NextDouble() < _options.LookAlikeProbability ? earlier[_random.Next(earlier.Count)] : -1;

    private void NoteLookAlike(int original, int lookAlike)
    {
        if (original >= 0)
        {
            _lookAlikes.Add((original, lookAlike));
        }
    }

    private string TitleWord(int work)
    {
        // The generated word is the one capitalised word of the title that is not part of the pattern.
        var patternWords = TitlePatterns[_titlePattern[work]].Split(' ');
        return _entities[work].Name.Split(' ').First(w => !patternWords.Contains(w));
    }

    private static string Root(KnowledgeEntity entity) => entity.Kind == EntityKind.City ? entity.Name.Split(' ')[^1] : entity.Name.Split(' ')[0];

    private static string? Prefix(KnowledgeEntity entity) => entity.Name.Contains(' ') ? entity.Name.Split(' ')[0] : null;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private int PickOther(List<int> items, int avoid)
    {
        while (true)
        {
            var item = Pick(items);
            if (item != avoid || items.Count == 1)
            {
                return item;
            }
        }
    }
}
