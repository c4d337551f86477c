using AgentRL.Environments.Generation;

namespace AgentRL.Environments.Gridworld;

/// <summary>
/// Generates levels from (content seed, task id, episode seed): rooms 7×7 in a row sharing walls, doors on the shared
/// walls, uniquely named objects, and a mission the scripted expert can always complete. Layouts are rejected and
/// redrawn until every floor cell is reachable, so no task is unsolvable.
/// </summary>
internal static class GridLevelGenerator
{
    private const int RoomSize = 7;
    private const int LayoutStream = 100;
    private const int StartStream = 1_000;
    private static readonly TileKind[] ObjectKinds = [TileKind.Key, TileKind.Ball, TileKind.Box];

    public static GridLevel Generate(GridworldOptions options, int taskId, int seed)
    {
        // The layout depends on the task only; the episode seed varies the agent's starting pose.
        var random = new DeterministicRandom(DeterministicRandom.Seed(options.ContentSeed, LayoutStream + (int)options.Preset, taskId));
        for (var attempt = 0; ; attempt++)
        {
            var level = options.Preset switch
            {
                GridworldPreset.SingleRoom => SingleRoom(random),
                GridworldPreset.MultiRoom => MultiRoom(random),
                _ => HardExploration(random),
            };
            if (level is not null && IsConnected(level.Value.Grid, level.Value.Width, level.Value.Height))
            {
                var (grid, width, height, mission) = level.Value;
                var start = new DeterministicRandom(DeterministicRandom.Seed(options.ContentSeed, unchecked(StartStream + (seed * 8) + (int)options.Preset), taskId));
                var (x, y) = StartCell(grid, width, height, options.Preset, start);
                return new GridLevel(width, height, grid, x, y, (Direction)start.Next(4), mission);
            }

            if (attempt > 1000)
            {
                throw new InvalidOperationException($"No solvable layout found for task {taskId}.");
            }
        }
    }

    private static (byte[] Grid, int Width, int Height, Mission Mission)? SingleRoom(DeterministicRandom random)
    {
        var (grid, width, height) = Rooms(1);
        var kind = (MissionKind)random.Next(5) switch
        {
            MissionKind.Open => MissionKind.GoTo,
            var k => k,
        };
        var objects = DistinctObjects(random, random.Next(2, 5));
        foreach (var o in objects)
        {
            Place(grid, width, random, o, 0);
        }

        if (kind == MissionKind.PickUpThenGoal)
        {
            var key = Tile.Object(TileKind.Key, (TileColor)random.Next(6));
            if (objects.Any(o => o.Kind == TileKind.Key && o.Color == key.Color))
            {
                return null;
            }

            Place(grid, width, random, key, 0);
            Place(grid, width, random, Tile.GoalSquare, 0);
            return (grid, width, height, new Mission(kind, key, default));
        }

        var target = objects[0];
        var other = objects[1];
        if (kind == MissionKind.PutNext && AreAdjacent(grid, width, target, other))
        {
            return null;
        }

        return (grid, width, height, new Mission(kind, target, kind == MissionKind.PutNext ? other : default));
    }

    private static (byte[] Grid, int Width, int Height, Mission Mission)? MultiRoom(DeterministicRandom random)
    {
        var roomCount = random.Next(2, 4);
        var (grid, width, height) = Rooms(roomCount);
        var colors = Shuffled(random, Enumerable.Range(0, 6).Select(c => (TileColor)c).ToList());
        var doors = new List<Tile>();
        for (var d = 0; d < roomCount - 1; d++)
        {
            var locked = random.Next(2) == 0;
            var door = Tile.Door(colors[d], locked ? DoorState.Locked : DoorState.Closed);
            PlaceDoor(grid, width, random, door, d);
            doors.Add(door);
            if (locked)
            {
                // The key waits in a room reachable before its door.
                Place(grid, width, random, Tile.Object(TileKind.Key, colors[d]), random.Next(d + 1));
            }
        }

        var taken = new HashSet<(TileKind, TileColor)>(doors.Select(d => (TileKind.Key, d.Color)));
        var objects = DistinctObjects(random, random.Next(2, 2 + roomCount)).Where(o => !taken.Contains((o.Kind, o.Color))).ToList();
        if (objects.Count < 2)
        {
            return null;
        }

        foreach (var o in objects)
        {
            Place(grid, width, random, o, random.Next(roomCount));
        }

        var kind = (MissionKind)random.Next(4);
        if (kind == MissionKind.Open)
        {
            return (grid, width, height, new Mission(kind, doors[random.Next(doors.Count)], default));
        }

        if (kind == MissionKind.PutNext && AreAdjacent(grid, width, objects[0], objects[1]))
        {
            return null;
        }

        return (grid, width, height, new Mission(kind, objects[0], kind == MissionKind.PutNext ? objects[1] : default));
    }

    private static (byte[] Grid, int Width, int Height, Mission Mission)? HardExploration(DeterministicRandom random)
    {
        const int roomCount = 4;
        var (grid, width, height) = Rooms(roomCount);
        var colors = Shuffled(random, Enumerable.Range(0, 6).Select(c => (TileColor)c).ToList());
        for (var d = 0; d < roomCount - 1; d++)
        {
            var doorY = PlaceDoor(grid, width, random, Tile.Door(colors[d], DoorState.Locked), d);

            // The key sits in the corner of the room farthest from its door.
            var keyX = d * 6 + 1;
            var keyY = doorY <= 3 ? 5 : 1;
            if (Get(grid, width, keyX, keyY).Kind != TileKind.Floor)
            {
                return null;
            }

            Set(grid, width, keyX, keyY, Tile.Object(TileKind.Key, colors[d]));
        }

        foreach (var distractor in DistinctObjects(random, 4).Where(o => o.Kind != TileKind.Key))
        {
            Place(grid, width, random, distractor, random.Next(roomCount));
        }

        var goalX = width - 2;
        var goalY = random.Next(2) == 0 ? 1 : 5;
        if (Get(grid, width, goalX, goalY).Kind != TileKind.Floor)
        {
            return null;
        }

        Set(grid, width, goalX, goalY, Tile.GoalSquare);
        return (grid, width, height, new Mission(MissionKind.ReachGoal, Tile.GoalSquare, default));
    }

    private static (byte[] Grid, int Width, int Height) Rooms(int count)
    {
        var width = (RoomSize - 1) * count + 1;
        var height = RoomSize;
        var grid = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (x % (RoomSize - 1) == 0 || y == 0 || y == height - 1)
                {
                    Set(grid, width, x, y, Tile.Wall);
                }
            }
        }

        return (grid, width, height);
    }

    /// <summary>Puts a door in the wall after room <paramref name="room"/>; the cells either side stay free.</summary>
    private static int PlaceDoor(byte[] grid, int width, DeterministicRandom random, Tile door, int room)
    {
        var x = (room + 1) * (RoomSize - 1);
        var y = random.Next(1, RoomSize - 1);
        Set(grid, width, x, y, door);
        return y;
    }

    private static void Place(byte[] grid, int width, DeterministicRandom random, Tile tile, int room)
    {
        while (true)
        {
            var x = room * (RoomSize - 1) + random.Next(1, RoomSize - 1);
            var y = random.Next(1, RoomSize - 1);
            if (Get(grid, width, x, y).Kind == TileKind.Floor && !GridCells.BesideDoor(grid, width, x, y))
            {
                Set(grid, width, x, y, tile);
                return;
            }
        }
    }

    private static List<T> Shuffled<T>(DeterministicRandom random, List<T> items)
    {
        random.Shuffle(items);
        return items;
    }

    private static List<Tile> DistinctObjects(DeterministicRandom random, int count)
    {
        var all = ObjectKinds.SelectMany(k => Enumerable.Range(0, 6).Select(c => Tile.Object(k, (TileColor)c))).ToList();
        return Shuffled(random, all).Take(count).ToList();
    }

    private static (int X, int Y) StartCell(byte[] grid, int width, int height, GridworldPreset preset, DeterministicRandom random)
    {
        var maxX = preset == GridworldPreset.SingleRoom ? width - 2 : RoomSize - 2;
        while (true)
        {
            var x = random.Next(1, maxX + 1);
            var y = random.Next(1, height - 1);
            if (Get(grid, width, x, y).Kind == TileKind.Floor)
            {
                return (x, y);
            }
        }
    }

    /// <summary>Every non-wall cell must be reachable from every other, treating doors as passable.</summary>
    private static bool IsConnected(byte[] grid, int width, int height)
    {
        bool Passable(int i) => new Tile(grid[i]).Kind is TileKind.Floor or TileKind.Goal or TileKind.Door;
        var start = Array.FindIndex(grid, b => new Tile(b).Kind == TileKind.Floor);
        var seen = new bool[grid.Length];
        var queue = new Queue<int>([start]);
        seen[start] = true;
        while (queue.TryDequeue(out var i))
        {
            foreach (var n in new[] { i - 1, i + 1, i - width, i + width })
            {
                if (n >= 0 && n < grid.Length && !seen[n] && Passable(n))
                {
                    seen[n] = true;
                    queue.Enqueue(n);
                }
            }
        }

        // Objects need a reachable neighbour to be picked up or faced.
        for (var i = 0; i < grid.Length; i++)
        {
            var tile = new Tile(grid[i]);
            if (Passable(i) && !seen[i])
            {
                return false;
            }

            if (tile.IsObject && !new[] { i - 1, i + 1, i - width, i + width }.Any(n => n >= 0 && n < grid.Length && seen[n]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AreAdjacent(byte[] grid, int width, Tile a, Tile b)
    {
        var ia = Array.IndexOf(grid, a.Packed);
        var ib = Array.IndexOf(grid, b.Packed);
        return Math.Abs(ia - ib) == 1 || Math.Abs(ia - ib) == width;
    }

    private static Tile Get(byte[] grid, int width, int x, int y) => new(grid[x + y * width]);

    private static void Set(byte[] grid, int width, int x, int y, Tile tile) => grid[x + y * width] = tile.Packed;
}
