namespace AgentRL.Environments.Search;

internal enum WorkKind
{
    Film,
    Novel,
}
