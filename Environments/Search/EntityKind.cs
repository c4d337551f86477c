namespace AgentRL.Environments.Search;

public enum EntityKind
{
    Country,
    City,
    Person,
    Company,
    Work,
}
