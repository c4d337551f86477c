using System.Text;

namespace AgentRL.Environments.Gridworld;

/// <summary>
/// Renders what the agent sees: the cells of a square in front of it (egocentric), flooded from the agent so that
/// walls and closed doors hide what is behind them. Objects, doors and the goal are listed nearest first; of the walls
/// only the one straight ahead is mentioned.
/// </summary>
internal static class GridView
{
    public static void Describe(GridState state, int viewSize, StringBuilder text)
    {
        var half = viewSize / 2;
        var (fx, fy) = state.Facing.Delta();
        var (rx, ry) = state.Facing.Right().Delta();
        var visible = new bool[viewSize, viewSize];
        var stack = new Stack<(int Forward, int Lateral)>();
        stack.Push((0, 0));
        visible[0, half] = true;
        while (stack.TryPop(out var cell))
        {
            var (x, y) = (state.X + cell.Forward * fx + cell.Lateral * rx, state.Y + cell.Forward * fy + cell.Lateral * ry);
            if ((cell.Forward, cell.Lateral) != (0, 0) && !state.At(x, y).IsTransparent)
            {
                continue;
            }

            foreach (var (df, dl) in new[] { (1, 0), (0, 1), (0, -1), (-1, 0) })
            {
                var (f, l) = (cell.Forward + df, cell.Lateral + dl);
                if (f >= 0 && f < viewSize && l >= -half && l <= half && !visible[f, l + half])
                {
                    visible[f, l + half] = true;
                    stack.Push((f, l));
                }
            }
        }

        var seen = new List<(int Distance, int Forward, int Lateral, Tile Tile)>();
        for (var f = 0; f < viewSize; f++)
        {
            for (var l = -half; l <= half; l++)
            {
                if (!visible[f, l + half] || (f, l) == (0, 0))
                {
                    continue;
                }

                var tile = state.At(state.X + f * fx + l * rx, state.Y + f * fy + l * ry);
                if (tile.Kind is not (TileKind.Floor or TileKind.Wall))
                {
                    seen.Add((f + Math.Abs(l), f, l, tile));
                }
            }
        }

        var wallAhead = 0;
        for (var f = 1; f < viewSize; f++)
        {
            var tile = state.At(state.X + f * fx, state.Y + f * fy);
            if (tile.Kind == TileKind.Wall)
            {
                wallAhead = f;
                break;
            }

            if (!tile.IsTransparent)
            {
                break;
            }
        }

        text.Append(GridworldTranscript.View);
        var first = true;
        foreach (var (_, f, l, tile) in seen.OrderBy(s => s.Distance).ThenBy(s => s.Forward).ThenBy(s => s.Lateral))
        {
            text.Append(first ? "" : "; ").Append("a ").Append(tile.Describe()).Append(' ').Append(Where(f, l));
            first = false;
        }

        if (wallAhead > 0)
        {
            text.Append(first ? "" : "; ").Append("a wall ").Append(Where(wallAhead, 0));
            first = false;
        }

        text.Append(first ? "nothing but the floor." : ".");
    }

    /// <summary>Where a cell lies from the agent: "2 steps forward and 1 step left".</summary>
    internal static string Where(int forward, int lateral)
    {
        var parts = new List<string>(2);
        if (forward > 0)
        {
            parts.Add($"{forward} step{(forward == 1 ? "" : "s")} forward");
        }

        if (lateral != 0)
        {
            var n = Math.Abs(lateral);
            parts.Add($"{n} step{(n == 1 ? "" : "s")} {(lateral < 0 ? "left" : "right")}");
        }

        return string.Join(" and ", parts);
    }
}
