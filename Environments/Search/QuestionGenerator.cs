using AgentRL.Environments.Generation;
using static AgentRL.Environments.Search.SearchVocabulary;

namespace AgentRL.Environments.Search;

/// <summary>
/// Composes a task's question from a relation chain of 1–3 hops, starting at a random entity of the chain's subject
/// kind. A task's question depends only on the content seed and the task id.
/// </summary>
internal static class QuestionGenerator
{
    // Independent random streams of one content seed.
    private const int QuestionStream = 2;

    private static readonly Relation[][][] ChainsByHops =
    [
        [
            [Relation.BirthCity], [Relation.BirthYear], [Relation.Founder], [Relation.FoundedYear], [Relation.Headquarters],
            [Relation.Country], [Relation.Creator], [Relation.Producer],
        ],
        [
            [Relation.Founder, Relation.BirthCity], [Relation.Founder, Relation.BirthYear], [Relation.Headquarters, Relation.Country],
            [Relation.BirthCity, Relation.Country], [Relation.Creator, Relation.BirthCity], [Relation.Creator, Relation.BirthYear],
            [Relation.Producer, Relation.Founder], [Relation.Producer, Relation.Headquarters], [Relation.Producer, Relation.FoundedYear],
        ],
        [
            [Relation.Founder, Relation.BirthCity, Relation.Country], [Relation.Creator, Relation.BirthCity, Relation.Country],
            [Relation.Producer, Relation.Founder, Relation.BirthCity], [Relation.Producer, Relation.Headquarters, Relation.Country],
            [Relation.Producer, Relation.Founder, Relation.BirthYear],
        ],
    ];

    public static SearchQuestion Create(SearchKnowledgeBase knowledge, IReadOnlyList<int>[] entitiesByKind, int contentSeed, int taskId)
    {
        var random = new DeterministicRandom(DeterministicRandom.Seed(contentSeed, QuestionStream, taskId));
        var chains = ChainsByHops[random.Next(ChainsByHops.Length)];
        var chain = chains[random.Next(chains.Length)];
        var candidates = entitiesByKind[(int)SubjectKind(chain[0])];
        var subject = knowledge.Entities[candidates[random.Next(candidates.Count)]];

        var hops = new List<QuestionHop>(chain.Length);
        var phrase = SubjectPhrase(subject);
        var workKind = subject.Kind == EntityKind.Work ? WorkKindOf(subject) : (WorkKind?)null;
        KnowledgeFact? fact = null;
        for (var h = 0; h < chain.Length; h++)
        {
            var relation = chain[h];
            fact = knowledge.Fact(subject.Id, relation);
            hops.Add(new QuestionHop(subject.Id, subject.Name, relation, fact.Answer, ExpertQuery(subject, relation, workKind), fact.SupportingPassageIds));
            if (h == chain.Length - 1)
            {
                phrase = Format(QuestionTemplate(relation, workKind), phrase);
            }
            else
            {
                phrase = Format(InnerPhrase(relation, workKind), phrase);
                subject = knowledge.Entities[fact.ObjectId];
                workKind = null;
            }
        }

        return new SearchQuestion(taskId, phrase, fact!.Aliases, hops);
    }

    private static EntityKind SubjectKind(Relation relation) => relation switch
    {
        Relation.BirthCity or Relation.BirthYear => EntityKind.Person,
        Relation.Founder or Relation.FoundedYear or Relation.Headquarters => EntityKind.Company,
        Relation.Country => EntityKind.City,
        _ => EntityKind.Work,
    };

    private static WorkKind WorkKindOf(KnowledgeEntity work) => work.Description == "film" ? WorkKind.Film : WorkKind.Novel;

    private static string SubjectPhrase(KnowledgeEntity subject) => subject.Kind switch
    {
        EntityKind.Work => Format(WorkKindOf(subject) == WorkKind.Film ? FilmPhrase : NovelPhrase, subject.Name),
        _ => subject.Name,
    };

    private static string InnerPhrase(Relation relation, WorkKind? workKind) => relation switch
    {
        Relation.Founder => FounderPhrase,
        Relation.BirthCity => BirthCityPhrase,
        Relation.Headquarters => HeadquartersPhrase,
        Relation.Creator => workKind == WorkKind.Film ? DirectorPhrase : AuthorPhrase,
        Relation.Producer => workKind == WorkKind.Film ? StudioPhrase : PublisherPhrase,
        _ => throw new InvalidOperationException($"{relation} only ends a chain."),
    };

    private static string QuestionTemplate(Relation relation, WorkKind? workKind) => relation switch
    {
        Relation.BirthCity => BirthCityQuestion,
        Relation.BirthYear => BirthYearQuestion,
        Relation.Founder => FounderQuestion,
        Relation.FoundedYear => FoundedYearQuestion,
        Relation.Headquarters => HeadquartersQuestion,
        Relation.Country => CountryQuestion,
        Relation.Creator => workKind == WorkKind.Film ? DirectorQuestion : AuthorQuestion,
        _ => workKind == WorkKind.Film ? StudioQuestion : PublisherQuestion,
    };

    /// <summary>What a sensible searcher types for this hop: the subject's name and the relation's key words.</summary>
    private static string ExpertQuery(KnowledgeEntity subject, Relation relation, WorkKind? workKind)
    {
        var words = relation switch
        {
            Relation.BirthCity or Relation.BirthYear => BornQueryWords,
            Relation.Founder or Relation.FoundedYear => FoundedQueryWords,
            Relation.Headquarters => HeadquartersQueryWords,
            Relation.Country => CountryQueryWords,
            Relation.Creator => workKind == WorkKind.Film ? DirectorQueryWords : AuthorQueryWords,
            _ => workKind == WorkKind.Film ? StudioQueryWords : PublisherQueryWords,
        };
        return $"{subject.Name} {words}";
    }
}
