namespace AgentRL.Environments.Gridworld;

/// <summary>A generated task: the initial grid, where the agent starts, and the mission. Immutable.</summary>
public sealed class GridLevel(int width, int height, byte[] tiles, int startX, int startY, Direction startDirection, Mission mission)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public int StartX { get; } = startX;

    public int StartY { get; } = startY;

    public Direction StartDirection { get; } = startDirection;

    public Mission Mission { get; } = mission;

    /// <summary>A copy of the initial tiles, row-major (x + y·width), packed as <see cref="Tile"/> bytes.</summary>
    public byte[] CopyTiles() => (byte[])tiles.Clone();

    /// <summary>The room a column belongs to: rooms are 7 wide and share their walls.</summary>
    public static int RoomOf(int x) => Math.Max(0, (x - 1) / 6);
}
