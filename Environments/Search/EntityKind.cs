namespace AgentRL.Environments.Search;

internal enum EntityKind
{
    Country,
    City,
    Person,
    Company,
    Work,
}
