namespace AgentRL.Environments.Search;

/// <summary>
/// A fictional entity of the knowledge base. <paramref name="Aliases"/> start with the canonical name and list the
/// other names an answer may use (a person's surname, a company's name without its suffix, ...).
/// <paramref name="Description"/> is the occupation, industry or work kind ("novelist", "software", "film").
/// </summary>
internal sealed record KnowledgeEntity(int Id, EntityKind Kind, string Name, IReadOnlyList<string> Aliases, string Description);
