namespace AgentRL.Environments.Search;

/// <summary>What a generated company does: how passages describe it, the suffixes of its name and what it is known for.</summary>
internal sealed record Industry(string Description, string[] Suffixes, string[] Products, WorkKind? Makes);
