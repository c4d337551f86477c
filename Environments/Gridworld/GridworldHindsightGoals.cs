namespace AgentRL.Environments.Gridworld;

/// <summary>Which unasked goals <see cref="GridworldHindsight"/> relabels episodes with.</summary>
[Flags]
public enum GridworldHindsightGoals
{
    None = 0,

    /// <summary>Picking up an object the mission does not name.</summary>
    PickUp = 1,

    /// <summary>Dropping the carried object next to another, a pair the mission does not name.</summary>
    PutNext = 2,
}
