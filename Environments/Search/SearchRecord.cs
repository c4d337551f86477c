namespace AgentRL.Environments.Search;

/// <summary>One search of an episode: the normalised query and the passage ids it returned, best first.</summary>
internal sealed record SearchRecord(string Query, int[] PassageIds);
