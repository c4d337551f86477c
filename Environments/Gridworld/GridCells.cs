namespace AgentRL.Environments.Gridworld;

/// <summary>Neighbourhood questions about a packed grid, shared by the level generator and the expert.</summary>
internal static class GridCells
{
    /// <summary>Whether a door is directly beside (x, y): cells a door needs kept free, and where not to drop things.</summary>
    public static bool BesideDoor(byte[] tiles, int width, int x, int y)
    {
        var height = tiles.Length / width;
        foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
        {
            if (nx >= 0 && ny >= 0 && nx < width && ny < height && new Tile(tiles[nx + ny * width]).Kind == TileKind.Door)
            {
                return true;
            }
        }

        return false;
    }
}
