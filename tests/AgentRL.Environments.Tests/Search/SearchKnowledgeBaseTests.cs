using AgentRL.Environments.Search;
using AgentRL.Environments.Text;

namespace AgentRL.Environments.Tests.Search;

public sealed class SearchKnowledgeBaseTests
{
    private static readonly SearchOptions Small = new() { ContentSeed = 11, PersonCount = 300, CompanyCount = 100, CityCount = 80, WorkCount = 120, CountryCount = 6 };

    [Fact]
    public void TheSameSeedGivesTheSamePassagesAndAnotherSeedOthers()
    {
        var first = SearchKnowledgeBase.Generate(Small).Passages.Select(p => p.Text).ToList();
        var second = SearchKnowledgeBase.Generate(Small).Passages.Select(p => p.Text).ToList();
        var other = SearchKnowledgeBase.Generate(Small with { ContentSeed = 12 }).Passages.Select(p => p.Text).ToHashSet();

        Assert.Equal(first, second);
        Assert.True(first.Count(other.Contains) < first.Count / 20, "another seed should give other passages");
    }

    [Fact]
    public void TheDefaultCorpusHasAboutTenThousandPassagesAndEveryEntityKind()
    {
        var knowledge = new SearchEnvironment().KnowledgeBase;

        Assert.InRange(knowledge.Passages.Count, 9_000, 11_000);
        Assert.Equal(knowledge.Passages.Count, knowledge.Index.Count);
        Assert.All(Enum.GetValues<EntityKind>(), kind => Assert.Contains(knowledge.Entities, e => e.Kind == kind));
        Assert.Equal(Enumerable.Range(0, knowledge.Passages.Count), knowledge.Passages.Select(p => p.Id));
    }

    [Fact]
    public void NamesAreDistinctAndLookAlikesHaveTheirPassages()
    {
        var knowledge = new SearchEnvironment().KnowledgeBase;

        Assert.Equal(knowledge.Entities.Count, knowledge.Entities.Select(e => e.Name).Distinct().Count());
        string[] markers = ["confused", "mistaken", "unrelated", "not related"];
        foreach (var kind in new[] { EntityKind.Person, EntityKind.City, EntityKind.Company, EntityKind.Work })
        {
            Assert.Contains(knowledge.Passages, p => knowledge.Entities[p.SubjectId].Kind == kind && markers.Any(p.Text.Contains));
        }

        // A look-alike differs from its original in one word by a sound or two: "Kelvar Systems" and "Kelvor Systems".
        var companies = knowledge.Entities.Where(e => e.Kind == EntityKind.Company).ToList();
        Assert.Contains(companies, a => companies.Any(b => a != b && a.Name.Split(' ')[1] == b.Name.Split(' ')[1] && CloseWords(a.Aliases[1], b.Aliases[1])));
    }

    [Fact]
    public void AliasesAreTheNameAndItsDistinctivePart()
    {
        var knowledge = new SearchEnvironment().KnowledgeBase;
        foreach (var entity in knowledge.Entities)
        {
            Assert.Equal(entity.Name, entity.Aliases[0]);
            switch (entity.Kind)
            {
                case EntityKind.Person:
                    Assert.Equal([entity.Name, entity.Name.Split(' ')[1]], entity.Aliases);
                    break;
                case EntityKind.Company:
                    Assert.Equal([entity.Name, entity.Name.Split(' ')[0]], entity.Aliases);
                    break;
                case EntityKind.City when entity.Name.Contains(' '):
                    Assert.Equal([entity.Name, entity.Name.Split(' ')[1]], entity.Aliases);
                    break;
                case EntityKind.Work when entity.Name.StartsWith("The ", StringComparison.Ordinal):
                    Assert.Equal([entity.Name, entity.Name[4..]], entity.Aliases);
                    break;
            }
        }
    }

    [Fact]
    public void FactsAreStatedByTheirPassages()
    {
        var knowledge = new SearchEnvironment().KnowledgeBase;
        var company = knowledge.Entities.First(e => e.Kind == EntityKind.Company);

        var founder = knowledge.Fact(company.Id, Relation.Founder);

        Assert.Equal(EntityKind.Person, knowledge.Entities[founder.ObjectId].Kind);
        Assert.All(founder.SupportingPassageIds, p =>
        {
            var text = TextTokens.Normalize(knowledge.Passages[p].Text);
            Assert.Contains(TextTokens.Normalize(company.Name), text);
            Assert.Contains(TextTokens.Normalize(founder.Answer), text);
        });
        Assert.False(knowledge.TryGetFact(company.Id, Relation.BirthCity, out _));
    }

    private static bool CloseWords(string a, string b)
    {
        if (a == b || Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < Math.Min(a.Length, b.Length) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return prefix >= Math.Min(a.Length, b.Length) - 2;
    }
}
