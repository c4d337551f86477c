namespace AgentRL.Environments.Search;

/// <summary>The grade of an answer: token-set F1 against the best alias, and whether some alias matches exactly.</summary>
public readonly record struct AnswerGrade(double F1, bool ExactMatch);
