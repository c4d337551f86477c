namespace AgentRL.Environments.Search;

public enum WorkKind
{
    Film,
    Novel,
}
