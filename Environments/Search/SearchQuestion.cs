namespace AgentRL.Environments.Search;

/// <summary>
/// The question of one task: 1–3 hops along the relations, the canonical answer (the last hop's) and every alias the
/// answer is graded against (canonical first).
/// </summary>
internal sealed record SearchQuestion(int TaskId, string Text, IReadOnlyList<string> Aliases, IReadOnlyList<QuestionHop> Hops)
{
    public string Answer => Aliases[0];
}
