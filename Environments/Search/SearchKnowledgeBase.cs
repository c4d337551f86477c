using System.Diagnostics.CodeAnalysis;
using AgentRL.Environments.Text;

namespace AgentRL.Environments.Search;

/// <summary>
/// The generated corpus: entities, the facts between them, the passages that state the facts, and one BM25 index over
/// all passages. Immutable once built, so one instance is shared by every environment with the same content options.
/// </summary>
internal sealed class SearchKnowledgeBase
{
    private readonly Dictionary<(int Subject, Relation Relation), KnowledgeFact> _facts;

    internal SearchKnowledgeBase(IReadOnlyList<KnowledgeEntity> entities, IReadOnlyList<Passage> passages, IEnumerable<KnowledgeFact> facts)
    {
        Entities = entities;
        Passages = passages;
        _facts = facts.ToDictionary(f => (f.SubjectId, f.Relation));
        Index = new Bm25Index(passages.Select(p => p.Text).ToList());
    }

    public IReadOnlyList<KnowledgeEntity> Entities { get; }

    /// <summary>All passages; a passage's id is its position here and its document number in <see cref="Index"/>.</summary>
    public IReadOnlyList<Passage> Passages { get; }

    public Bm25Index Index { get; }

    public int FactCount => _facts.Count;

    /// <summary>Generates the knowledge base of <paramref name="options"/> afresh (environments share a cached one).</summary>
    public static SearchKnowledgeBase Generate(SearchOptions options)
    {
        options.Validate();
        return new KnowledgeBaseGenerator(options).Generate();
    }

    /// <summary>The best <paramref name="topK"/> passages for <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<SearchHit> Search(string query, int topK) => Index.Search(query, topK);

    public KnowledgeFact Fact(int subjectId, Relation relation) =>
        _facts.TryGetValue((subjectId, relation), out var fact)
            ? fact
            : throw new KeyNotFoundException($"Entity {subjectId} has no {relation} fact.");

    public bool TryGetFact(int subjectId, Relation relation, [NotNullWhen(true)] out KnowledgeFact? fact) => _facts.TryGetValue((subjectId, relation), out fact);
}
