namespace AgentRL.Environments.Gridworld;

internal static class DirectionExtensions
{
    public static (int Dx, int Dy) Delta(this Direction direction) => direction switch
    {
        Direction.East => (1, 0),
        Direction.South => (0, 1),
        Direction.West => (-1, 0),
        _ => (0, -1),
    };

    public static Direction Left(this Direction direction) => (Direction)(((int)direction + 3) % 4);

    public static Direction Right(this Direction direction) => (Direction)(((int)direction + 1) % 4);

    public static char Letter(this Direction direction) => "ESWN"[(int)direction];
}
