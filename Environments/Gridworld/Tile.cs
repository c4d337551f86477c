namespace AgentRL.Environments.Gridworld;

/// <summary>
/// One grid cell packed in a byte (kind in bits 0–2, colour in bits 3–5, door state in bits 6–7), so a whole level
/// snapshots as a short byte array.
/// </summary>
public readonly record struct Tile(byte Packed)
{
    public static readonly Tile Floor = new(0);
    public static readonly Tile Wall = new((byte)TileKind.Wall);
    public static readonly Tile GoalSquare = new((byte)TileKind.Goal);

    public TileKind Kind => (TileKind)(Packed & 0b111);

    public TileColor Color => (TileColor)((Packed >> 3) & 0b111);

    public DoorState DoorState => (DoorState)(Packed >> 6);

    /// <summary>Keys, balls and boxes: things that can be carried.</summary>
    public bool IsObject => Kind is TileKind.Key or TileKind.Ball or TileKind.Box;

    /// <summary>Whether the agent can stand here.</summary>
    public bool IsWalkable => Kind is TileKind.Floor or TileKind.Goal || (Kind == TileKind.Door && DoorState == DoorState.Open);

    /// <summary>Whether sight passes through.</summary>
    public bool IsTransparent => Kind != TileKind.Wall && !(Kind == TileKind.Door && DoorState != DoorState.Open);

    public static Tile Object(TileKind kind, TileColor color) => new((byte)((byte)kind | ((byte)color << 3)));

    public static Tile Door(TileColor color, DoorState state) => new((byte)((byte)TileKind.Door | ((byte)color << 3) | ((byte)state << 6)));

    public Tile WithDoorState(DoorState state) => Door(Color, state);

    /// <summary>"red ball", "locked blue door", "goal", "wall".</summary>
    public string Describe() => Kind switch
    {
        TileKind.Wall => "wall",
        TileKind.Goal => "goal",
        TileKind.Door => $"{(DoorState == DoorState.Open ? "open" : DoorState == DoorState.Locked ? "locked" : "closed")} {Name(Color)} door",
        TileKind.Floor => "floor",
        _ => $"{Name(Color)} {Kind.ToString().ToLowerInvariant()}",
    };

    /// <summary>"red ball" for objects, "blue door" for doors (no state): how missions name things.</summary>
    public string Noun() => Kind == TileKind.Door ? $"{Name(Color)} door" : Describe();

    public static string Name(TileColor color) => color.ToString().ToLowerInvariant();
}
