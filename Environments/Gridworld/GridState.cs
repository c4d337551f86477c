namespace AgentRL.Environments.Gridworld;

/// <summary>The mutable state of one gridworld episode: everything a snapshot must capture.</summary>
internal sealed class GridState
{
    public required GridLevel Level { get; init; }

    public required byte[] Tiles { get; init; }

    public int TaskId { get; init; }

    public int Seed { get; init; }

    public int X { get; set; }

    public int Y { get; set; }

    public Direction Facing { get; set; }

    /// <summary>The carried object's tile, or <see cref="Tile.Floor"/> when empty-handed.</summary>
    public Tile Carried { get; set; }

    public int Steps { get; set; }

    /// <summary>Progress through a two-part mission (1 once the first part is done).</summary>
    public int Stage { get; set; }

    public bool Done { get; set; }

    public bool Success { get; set; }

    public int Width => Level.Width;

    public int Height => Level.Height;

    public bool InBounds(int x, int y) => x >= 0 && y >= 0 && x < Width && y < Height;

    public Tile At(int x, int y) => InBounds(x, y) ? new Tile(Tiles[x + y * Width]) : Tile.Wall;

    public void Set(int x, int y, Tile tile) => Tiles[x + y * Width] = tile.Packed;

    public (int X, int Y) Front()
    {
        var (dx, dy) = Facing.Delta();
        return (X + dx, Y + dy);
    }

    public Tile FrontTile()
    {
        var (fx, fy) = Front();
        return At(fx, fy);
    }

    /// <summary>Where a uniquely named object or door is, or (-1, -1).</summary>
    public (int X, int Y) Find(Tile tile)
    {
        var index = Array.IndexOf(Tiles, tile.Kind == TileKind.Door ? FindDoorByte(tile.Color) : tile.Packed);
        return index < 0 ? (-1, -1) : (index % Width, index / Width);
    }

    private byte FindDoorByte(TileColor color)
    {
        foreach (var b in Tiles)
        {
            var t = new Tile(b);
            if (t.Kind == TileKind.Door && t.Color == color)
            {
                return b;
            }
        }

        return 0xFF;
    }
}
