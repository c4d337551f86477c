namespace AgentRL.Environments.Search;

/// <summary>
/// One relation of one entity: its object (an entity id, or -1 for a literal such as a year), the answer text with its
/// aliases (canonical first), and the passages that state the fact.
/// </summary>
internal sealed record KnowledgeFact(
    int SubjectId,
    Relation Relation,
    int ObjectId,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<int> SupportingPassageIds)
{
    public string Answer => Aliases[0];
}
