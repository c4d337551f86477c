namespace AgentRL.Environments.Gridworld;

/// <summary>
/// The scripted expert: replans from the current state at every step with breadth-first search over (cell, facing),
/// so it recovers from any state an episode can reach. Closed doors are opened on the way; a locked door that blocks
/// something the mission needs sends it to fetch that door's key first (dropping whatever it holds), and an object
/// dropped in the way is carried elsewhere.
/// </summary>
internal static class GridworldExpert
{
    private const int MaxDepth = 8;

    public static string? NextAction(GridState state)
    {
        if (state.Done)
        {
            return null;
        }

        var mission = state.Level.Mission;
        // Open every locked door the mission needs before anything else, so a fetched key is never put down unused.
        foreach (var cell in RequiredCells(state, mission))
        {
            if (Reach(state, cell, face: cell != Goal(state), Passage.WithoutUnlocking) is null)
            {
                return Unblock(state, cell, 0);
            }
        }

        switch (mission.Kind)
        {
            case MissionKind.GoTo:
                return state.Carried == mission.Target ? DropAnywhere(state) : Face(state, state.Find(mission.Target), "turn left");
            case MissionKind.PickUp:
                return Acquire(state, mission.Target, 0);
            case MissionKind.Open:
                var door = state.Find(mission.Target);
                var key = Tile.Object(TileKind.Key, mission.Target.Color);
                return state.At(door.X, door.Y).DoorState == DoorState.Locked && state.Carried != key
                    ? Acquire(state, key, 0)
                    : Face(state, door, "toggle");
            case MissionKind.PutNext:
                return state.Carried != mission.Target ? Acquire(state, mission.Target, 0) : DropNextTo(state, state.Find(mission.Other));
            case MissionKind.PickUpThenGoal when state.Stage == 0:
                return Acquire(state, mission.Target, 0);
            default:
                return Reach(state, Goal(state), face: false) is { } route ? Act(state, route) : null;
        }
    }

    /// <summary>The cells the mission still needs to reach (objects and doors are faced, the goal is stood on).</summary>
    private static IEnumerable<(int X, int Y)> RequiredCells(GridState state, Mission mission)
    {
        if (mission.Kind != MissionKind.ReachGoal && state.Carried != mission.Target && !(mission.Kind == MissionKind.PickUpThenGoal && state.Stage == 1))
        {
            yield return state.Find(mission.Target);
        }

        if (mission.Kind == MissionKind.PutNext)
        {
            yield return state.Find(mission.Other);
        }

        if (mission.Kind is MissionKind.PickUpThenGoal or MissionKind.ReachGoal)
        {
            yield return Goal(state);
        }
    }

    private static (int X, int Y) Goal(GridState state) => state.Find(Tile.GoalSquare);

    /// <summary>Something stands between the agent and <paramref name="cell"/>: fetch the key, or move the object.</summary>
    private static string? Unblock(GridState state, (int X, int Y) cell, int depth)
    {
        if (depth > MaxDepth)
        {
            return "turn left";
        }

        var blocker = FirstBlocker(state, cell);
        if (blocker is not { } b)
        {
            return "turn left";
        }

        var tile = state.At(b.X, b.Y);
        if (tile.Kind == TileKind.Door)
        {
            var key = Tile.Object(TileKind.Key, tile.Color);
            return state.Carried == key ? Face(state, b, "toggle") : Acquire(state, key, depth + 1);
        }

        // An object in a doorway or corridor: pick it up; it is dropped somewhere harmless afterwards.
        return Acquire(state, tile, depth + 1);
    }

    private static string? Acquire(GridState state, Tile item, int depth)
    {
        var position = state.Find(item);
        if (position.X < 0)
        {
            return DropAnywhere(state);
        }

        var withHands = Reach(state, position, face: true);
        if (withHands is null)
        {
            return Unblock(state, position, depth);
        }

        if (state.Carried != Tile.Floor)
        {
            // Keep a carried key only while it is what opens the way.
            var carried = state.Carried;
            state.Carried = Tile.Floor;
            var emptyHanded = Reach(state, position, face: true);
            state.Carried = carried;
            if (emptyHanded is not null || withHands.Count == 0)
            {
                return DropAnywhere(state);
            }
        }

        return withHands.Count == 0 ? "pick up" : Act(state, withHands);
    }

    private static string? Face(GridState state, (int X, int Y) cell, string whenFacing)
    {
        var route = Reach(state, cell, face: true);
        return route is null ? Unblock(state, cell, 0) : route.Count == 0 ? whenFacing : Act(state, route);
    }

    private static string DropNextTo(GridState state, (int X, int Y) other)
    {
        var route = Search(state, (x, y, d) =>
        {
            var (fx, fy) = Ahead(x, y, d);
            return state.At(fx, fy).Kind == TileKind.Floor && Math.Abs(fx - other.X) + Math.Abs(fy - other.Y) == 1;
        });
        return route is null ? DropAnywhere(state) : route.Count == 0 ? "drop" : Act(state, route);
    }

    private static string DropAnywhere(GridState state)
    {
        var harmless = new Dictionary<(int, int), bool>();
        var route = Search(state, (x, y, d) =>
        {
            var cell = Ahead(x, y, d);
            if (state.At(cell.X, cell.Y).Kind != TileKind.Floor || GridCells.BesideDoor(state.Tiles, state.Width, cell.X, cell.Y))
            {
                return false;
            }

            if (!harmless.TryGetValue(cell, out var ok))
            {
                harmless[cell] = ok = KeepsEverythingReachable(state, cell);
            }

            return ok;
        });
        return route is null ? "turn left" : route.Count == 0 ? "drop" : Act(state, route);
    }

    /// <summary>
    /// Whether an object dropped on <paramref name="cell"/> leaves every cell the agent can reach now, and every
    /// object, door and goal it can get next to now, still within reach: a drop must never wall anything in.
    /// </summary>
    private static bool KeepsEverythingReachable(GridState state, (int X, int Y) cell)
    {
        var before = ReachableCells(state, blocked: (-1, -1));
        var after = ReachableCells(state, blocked: cell);
        for (var i = 0; i < before.Length; i++)
        {
            var (x, y) = (i % state.Width, i / state.Width);
            if ((x, y) == cell)
            {
                continue;
            }

            if (before[i] && !after[i])
            {
                return false;
            }

            var tile = state.At(x, y);
            if ((tile.IsObject || tile.Kind == TileKind.Door) && Touches(before, state, x, y, (-1, -1)) && !Touches(after, state, x, y, cell))
            {
                return false;
            }
        }

        return true;
    }

    private static bool[] ReachableCells(GridState state, (int X, int Y) blocked)
    {
        var reached = new bool[state.Width * state.Height];
        var queue = new Queue<(int X, int Y)>([(state.X, state.Y)]);
        reached[state.X + state.Y * state.Width] = true;
        while (queue.TryDequeue(out var c))
        {
            foreach (var (nx, ny) in new[] { (c.X + 1, c.Y), (c.X - 1, c.Y), (c.X, c.Y + 1), (c.X, c.Y - 1) })
            {
                if (state.InBounds(nx, ny) && !reached[nx + ny * state.Width] && (nx, ny) != blocked && CanEnterWithoutUnlocking(state.At(nx, ny)))
                {
                    reached[nx + ny * state.Width] = true;
                    queue.Enqueue((nx, ny));
                }
            }
        }

        return reached;
    }

    private static bool Touches(bool[] reached, GridState state, int x, int y, (int X, int Y) blocked) =>
        new[] { (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1) }.Any(n =>
            state.InBounds(n.Item1, n.Item2) && n != blocked && reached[n.Item1 + n.Item2 * state.Width]);

    /// <summary>The first action of a route; walking into a closed or locked door means opening it first.</summary>
    private static string Act(GridState state, List<string> route)
    {
        var action = route[0];
        return action == "go forward" && state.FrontTile().Kind == TileKind.Door && state.FrontTile().DoorState != DoorState.Open ? "toggle" : action;
    }

    private static List<string>? Reach(GridState state, (int X, int Y) cell, bool face, Passage passage = Passage.Strict) =>
        Search(state, face ? (x, y, d) => Ahead(x, y, d) == cell : (x, y, _) => (x, y) == cell, passage);

    /// <summary>
    /// The first closed door on a path to <paramref name="cell"/> that passes through doors; failing that, the first
    /// door or object on a path that passes through objects as well (objects are moved only when nothing else works).
    /// </summary>
    private static (int X, int Y)? FirstBlocker(GridState state, (int X, int Y) cell)
    {
        bool Arrived(int x, int y, Direction d) => Ahead(x, y, d) == cell || (x, y) == cell;
        var path = SearchCells(state, Arrived, Passage.Doors) ?? SearchCells(state, Arrived, Passage.Everything);
        if (path is null)
        {
            return null;
        }

        foreach (var (x, y) in path)
        {
            if ((x, y) != cell && !CanEnterWithoutUnlocking(state.At(x, y)))
            {
                return (x, y);
            }
        }

        return null;
    }

    private static List<string>? Search(GridState state, Func<int, int, Direction, bool> goal, Passage passage = Passage.Strict)
    {
        var result = Bfs(state, goal, passage);
        if (result is null)
        {
            return null;
        }

        var (parents, end) = result.Value;
        var actions = new List<string>();
        for (var node = end; parents[node].Parent >= 0; node = parents[node].Parent)
        {
            actions.Add(parents[node].Action!);
        }

        actions.Reverse();
        return actions;
    }

    private static List<(int X, int Y)>? SearchCells(GridState state, Func<int, int, Direction, bool> goal, Passage passage)
    {
        var result = Bfs(state, goal, passage);
        if (result is null)
        {
            return null;
        }

        var (parents, end) = result.Value;
        var cells = new List<(int X, int Y)>();
        for (var node = end; node >= 0; node = parents[node].Parent)
        {
            cells.Add(((node / 4) % state.Width, node / 4 / state.Width));
        }

        cells.Reverse();
        return cells;
    }

    private static ((int Parent, string? Action)[] Parents, int End)? Bfs(GridState state, Func<int, int, Direction, bool> goal, Passage passage)
    {
        var count = state.Width * state.Height * 4;
        var parents = new (int Parent, string? Action)[count];
        var seen = new bool[count];
        var start = Node(state, state.X, state.Y, state.Facing);
        var queue = new Queue<int>();
        queue.Enqueue(start);
        seen[start] = true;
        parents[start] = (-1, null);
        while (queue.TryDequeue(out var node))
        {
            var d = (Direction)(node % 4);
            var x = node / 4 % state.Width;
            var y = node / 4 / state.Width;
            if (goal(x, y, d))
            {
                return (parents, node);
            }

            var (fx, fy) = Ahead(x, y, d);
            var front = state.At(fx, fy);
            var forward = passage switch
            {
                Passage.Strict => CanEnter(state, front),
                Passage.WithoutUnlocking => CanEnterWithoutUnlocking(front),
                Passage.Doors => CanEnter(state, front) || front.Kind == TileKind.Door,
                _ => front.Kind != TileKind.Wall,
            };
            Visit(Node(state, x, y, d.Left()), "turn left");
            Visit(Node(state, x, y, d.Right()), "turn right");
            if (forward)
            {
                Visit(Node(state, fx, fy, d), "go forward");
            }

            void Visit(int next, string action)
            {
                if (!seen[next])
                {
                    seen[next] = true;
                    parents[next] = (node, action);
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>Whether the agent can move into a cell, opening a closed door or unlocking one with the key it holds.</summary>
    private static bool CanEnter(GridState state, Tile tile) =>
        tile.IsWalkable || (tile.Kind == TileKind.Door &&
                            (tile.DoorState == DoorState.Closed || state.Carried == Tile.Object(TileKind.Key, tile.Color)));

    private static bool CanEnterWithoutUnlocking(Tile tile) =>
        tile.IsWalkable || (tile.Kind == TileKind.Door && tile.DoorState == DoorState.Closed);

    private static (int X, int Y) Ahead(int x, int y, Direction direction)
    {
        var (dx, dy) = direction.Delta();
        return (x + dx, y + dy);
    }

    /// <summary>
    /// What a search may walk through: what the agent can enter now (unlocking with the key it holds), the same
    /// without unlocking, also any door, or anything but walls.
    /// </summary>
    private enum Passage
    {
        Strict,
        WithoutUnlocking,
        Doors,
        Everything,
    }

    private static int Node(GridState state, int x, int y, Direction direction) => ((x + y * state.Width) * 4) + (int)direction;
}
