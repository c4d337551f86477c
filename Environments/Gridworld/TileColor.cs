namespace AgentRL.Environments.Gridworld;

public enum TileColor : byte
{
    Red = 0,
    Green = 1,
    Blue = 2,
    Purple = 3,
    Yellow = 4,
    Grey = 5,
}
