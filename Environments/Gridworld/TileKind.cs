namespace AgentRL.Environments.Gridworld;

public enum TileKind : byte
{
    Floor = 0,
    Wall = 1,
    Door = 2,
    Key = 3,
    Ball = 4,
    Box = 5,
    Goal = 6,
}
