namespace AgentRL.Environments.Gridworld;

/// <summary>Where the agent faces; clockwise order so that turning is ±1 mod 4.</summary>
public enum Direction : byte
{
    East = 0,
    South = 1,
    West = 2,
    North = 3,
}
