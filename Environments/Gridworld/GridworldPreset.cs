namespace AgentRL.Environments.Gridworld;

public enum GridworldPreset
{
    /// <summary>One 7×7 room (5×5 floor) with a few objects: the default.</summary>
    SingleRoom,

    /// <summary>Two or three rooms in a row joined by doors, some locked with a key in an earlier room.</summary>
    MultiRoom,

    /// <summary>
    /// Four rooms in a row behind locked doors, each key far from its door, the goal in the last room: outcome-only RL
    /// from a weak base model rarely gets there (the Go-Explore showcase).
    /// </summary>
    HardExploration,
}
