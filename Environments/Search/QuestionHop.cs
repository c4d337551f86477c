namespace AgentRL.Environments.Search;

/// <summary>
/// One step of a question's relation chain: the fact to look up, the query the scripted expert uses for it, and the
/// passages that answer it (any one of them in the results resolves the hop).
/// </summary>
internal sealed record QuestionHop(int SubjectId, string SubjectName, Relation Relation, string Answer, string ExpertQuery, IReadOnlyList<int> SupportingPassageIds);
