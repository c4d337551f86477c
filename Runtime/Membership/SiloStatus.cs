namespace AgentRL.Runtime.Membership;

/// <summary>A silo's life in the membership table; a dead silo never comes back (a restart is a new generation).</summary>
public enum SiloStatus
{
    Joining = 1,
    Active = 2,
    ShuttingDown = 3,
    Dead = 4,
}
