namespace AgentRL.Environments.Text;

/// <summary>A document and its BM25 score for a query.</summary>
public readonly record struct SearchHit(int Document, float Score);
