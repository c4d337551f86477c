namespace AgentRL.Environments.Search;

/// <summary>The facts questions are composed from; each maps a subject entity to an entity or a year.</summary>
internal enum Relation
{
    /// <summary>Person → the city they were born in.</summary>
    BirthCity,

    /// <summary>Person → the year they were born (a literal).</summary>
    BirthYear,

    /// <summary>Company → the person who founded it.</summary>
    Founder,

    /// <summary>Company → the year it was founded (a literal).</summary>
    FoundedYear,

    /// <summary>Company → the city of its headquarters.</summary>
    Headquarters,

    /// <summary>City → the country it lies in.</summary>
    Country,

    /// <summary>Work → its director (film) or author (novel).</summary>
    Creator,

    /// <summary>Work → the studio that produced it (film) or the company that published it (novel).</summary>
    Producer,
}
