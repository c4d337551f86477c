namespace AgentRL.Environments.Search;

/// <summary>A short text of the corpus about <paramref name="SubjectId"/>; its id is its document number in the index.</summary>
internal sealed record Passage(int Id, int SubjectId, string Text);
