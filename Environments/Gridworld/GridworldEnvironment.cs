using System.Text;

namespace AgentRL.Environments.Gridworld;

/// <summary>
/// A BabyAI-like text gridworld (shared/ENVIRONMENTS.md §1): rooms, keys, balls, boxes, doors and a goal; missions
/// generated per task; an egocentric partial view described in text; relative actions (optionally absolute moves).
/// Reward on success is 1 − 0.9·(steps / step limit); nothing otherwise.
/// </summary>
public sealed class GridworldEnvironment : IEnvironment, IGoalDistance
{
    private const byte SnapshotVersion = 1;
    private static readonly string[] RelativeActions = ["turn left", "turn right", "go forward", "pick up", "drop", "toggle"];
    private static readonly string[] AbsoluteActions = ["go north", "go south", "go east", "go west"];

    private readonly GridworldOptions _options;
    private readonly string[] _actions;
    private readonly int _stepLimit;
    private GridState? _state;

    public GridworldEnvironment(GridworldOptions? options = null)
    {
        _options = options ?? new GridworldOptions();
        if (_options.ViewSize < 3 || _options.ViewSize % 2 == 0)
        {
            throw new ArgumentException("The view size must be an odd number of at least 3.", nameof(options));
        }

        _actions = _options.AbsoluteMovement ? [.. RelativeActions, .. AbsoluteActions] : RelativeActions;
        _stepLimit = _options.EffectiveStepLimit;
        Name = _options.Preset switch
        {
            GridworldPreset.SingleRoom => "gridworld",
            GridworldPreset.MultiRoom => "gridworld-rooms",
            _ => "gridworld-hard",
        };
    }

    public string Name { get; }

    public TaskSplits Splits => _options.Splits;

    public string? GroundTruth => null;

    /// <summary>The current level and mission (for tools and tests).</summary>
    public GridLevel Level => State.Level;

    public string CellKey
    {
        get
        {
            var state = State;
            var doors = new StringBuilder();
            foreach (var b in state.Tiles)
            {
                var tile = new Tile(b);
                if (tile.Kind == TileKind.Door)
                {
                    doors.Append((int)tile.DoorState);
                }
            }

            var carried = state.Carried == Tile.Floor ? "-" : state.Carried.Packed.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
            return $"{GridLevel.RoomOf(state.X)}:{state.X},{state.Y}:{state.Facing.Letter()}:{carried}:{doors}:{state.Stage}";
        }
    }

    private GridState State => _state ?? throw new InvalidOperationException("Call Reset before using the environment.");

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        if (taskId < 0 || taskId >= Splits.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(taskId), taskId, $"Task ids of {Name} run from 0 to {Splits.Count - 1}.");
        }

        _state = NewState(taskId, seed);
        return Observe(null, reward: 0, valid: true);
    }

    public EnvironmentStep Step(string action)
    {
        var state = State;
        if (state.Done)
        {
            throw new InvalidOperationException("The episode is over; call Reset to start another.");
        }

        var normalized = ActionText.Normalize(action);
        state.Steps++;
        if (normalized is null || Array.IndexOf(_actions, normalized) < 0)
        {
            EndIfOutOfSteps(state);
            return Observe($"Invalid action: {ActionText.Describe(action)}. Valid actions: {string.Join(", ", _actions)}.", _options.InvalidActionPenalty, valid: false);
        }

        var feedback = Apply(state, normalized);
        if (MissionComplete(state))
        {
            state.Done = true;
            state.Success = true;
            return Observe(feedback, Score(state), valid: true);
        }

        EndIfOutOfSteps(state);
        return Observe(feedback, 0, valid: true);
    }

    public string? ExpertAction() => GridworldExpert.NextAction(State);

    public double GoalDistance => GridworldGoalDistance.Of(State);

    public IReadOnlyList<string>? ValidActions() => _actions;

    public byte[] Snapshot()
    {
        var state = State;
        return SnapshotFormat.Write(Name, SnapshotVersion, writer =>
        {
            writer.WriteVarInt32(state.TaskId);
            writer.WriteVarInt32(state.Seed);
            writer.WriteVarInt32(state.X);
            writer.WriteVarInt32(state.Y);
            writer.WriteByte((byte)state.Facing);
            writer.WriteByte(state.Carried.Packed);
            writer.WriteVarInt32(state.Steps);
            writer.WriteVarInt32(state.Stage);
            writer.WriteBoolean(state.Done);
            writer.WriteBoolean(state.Success);
            writer.WriteUnmanagedArray(state.Tiles);
        });
    }

    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        GridState? restored = null;
        SnapshotFormat.Read(snapshot, Name, SnapshotVersion, (ref reader) =>
        {
            var taskId = reader.ReadVarInt32();
            var seed = reader.ReadVarInt32();
            if (taskId < 0 || taskId >= Splits.Count)
            {
                throw new FormatException($"task id {taskId} is out of range");
            }

            // The level is regenerated (it is a pure function of task and seed); only what changed is stored.
            var state = _state is { } current && current.TaskId == taskId && current.Seed == seed
                ? new GridState { Level = current.Level, Tiles = current.Level.CopyTiles(), TaskId = taskId, Seed = seed }
                : NewState(taskId, seed);
            state.X = reader.ReadVarInt32();
            state.Y = reader.ReadVarInt32();
            state.Facing = (Direction)(reader.ReadByte() & 3);
            state.Carried = new Tile(reader.ReadByte());
            state.Steps = reader.ReadVarInt32();
            state.Stage = reader.ReadVarInt32();
            state.Done = reader.ReadBoolean();
            state.Success = reader.ReadBoolean();
            var tiles = reader.ReadUnmanagedArray<byte>();
            if (tiles is null || tiles.Length != state.Tiles.Length || !state.InBounds(state.X, state.Y))
            {
                throw new FormatException("the grid does not match the task's level");
            }

            tiles.CopyTo(state.Tiles, 0);
            restored = state;
        });
        _state = restored;
    }

    private GridState NewState(int taskId, int seed)
    {
        var level = GridLevelGenerator.Generate(_options, taskId, seed);
        return new GridState
        {
            Level = level,
            Tiles = level.CopyTiles(),
            TaskId = taskId,
            Seed = seed,
            X = level.StartX,
            Y = level.StartY,
            Facing = level.StartDirection,
            Carried = Tile.Floor,
        };
    }

    private static string? Apply(GridState state, string action)
    {
        switch (action)
        {
            case "turn left":
                state.Facing = state.Facing.Left();
                return null;
            case "turn right":
                state.Facing = state.Facing.Right();
                return null;
            case "go north" or "go south" or "go east" or "go west":
                state.Facing = action switch { "go north" => Direction.North, "go south" => Direction.South, "go east" => Direction.East, _ => Direction.West };
                return Forward(state);
            case "go forward":
                return Forward(state);
            case "pick up":
                return PickUp(state);
            case "drop":
                return Drop(state);
            default:
                return Toggle(state);
        }
    }

    private static string? Forward(GridState state)
    {
        var front = state.FrontTile();
        if (!front.IsWalkable)
        {
            return $"You cannot move forward: a {front.Describe()} is in the way.";
        }

        (state.X, state.Y) = state.Front();
        return null;
    }

    private static string PickUp(GridState state)
    {
        var front = state.FrontTile();
        if (!front.IsObject)
        {
            return "There is nothing to pick up in front of you.";
        }

        if (state.Carried != Tile.Floor)
        {
            return $"You are already carrying a {state.Carried.Describe()}; drop it first.";
        }

        var (fx, fy) = state.Front();
        state.Set(fx, fy, Tile.Floor);
        state.Carried = front;
        return $"{GridworldTranscript.PickedUp}{front.Describe()}.";
    }

    private static string Drop(GridState state)
    {
        if (state.Carried == Tile.Floor)
        {
            return "You are not carrying anything.";
        }

        if (state.FrontTile().Kind != TileKind.Floor)
        {
            return $"You cannot drop it here: a {state.FrontTile().Describe()} is in front of you.";
        }

        var (fx, fy) = state.Front();
        state.Set(fx, fy, state.Carried);
        var dropped = state.Carried;
        state.Carried = Tile.Floor;
        return $"{GridworldTranscript.Dropped}{dropped.Describe()}.";
    }

    private static string Toggle(GridState state)
    {
        var front = state.FrontTile();
        if (front.Kind != TileKind.Door)
        {
            return "Nothing happens.";
        }

        var (fx, fy) = state.Front();
        switch (front.DoorState)
        {
            case DoorState.Open:
                state.Set(fx, fy, front.WithDoorState(DoorState.Closed));
                return $"You close the {front.Noun()}.";
            case DoorState.Closed:
                state.Set(fx, fy, front.WithDoorState(DoorState.Open));
                return $"You open the {front.Noun()}.";
            default:
                if (state.Carried != Tile.Object(TileKind.Key, front.Color))
                {
                    return $"The {front.Noun()} is locked; you need the {Tile.Name(front.Color)} key.";
                }

                state.Set(fx, fy, front.WithDoorState(DoorState.Open));
                return $"You unlock and open the {front.Noun()}.";
        }
    }

    private static bool MissionComplete(GridState state)
    {
        var mission = state.Level.Mission;
        switch (mission.Kind)
        {
            case MissionKind.GoTo:
                return state.FrontTile() == mission.Target;
            case MissionKind.PickUp:
                return state.Carried == mission.Target;
            case MissionKind.Open:
                var (dx, dy) = state.Find(mission.Target);
                return state.At(dx, dy).DoorState == DoorState.Open;
            case MissionKind.PutNext:
                var a = state.Find(mission.Target);
                var b = state.Find(mission.Other);
                return a.X >= 0 && b.X >= 0 && Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y) == 1;
            case MissionKind.PickUpThenGoal:
                if (state.Stage == 0 && state.Carried == mission.Target)
                {
                    state.Stage = 1;
                }

                return state.Stage == 1 && state.At(state.X, state.Y).Kind == TileKind.Goal;
            default:
                return state.At(state.X, state.Y).Kind == TileKind.Goal;
        }
    }

    private void EndIfOutOfSteps(GridState state)
    {
        if (state.Steps >= _stepLimit)
        {
            state.Done = true;
        }
    }

    private double Score(GridState state) => state.Success ? SuccessScore(state.Steps, _stepLimit) : 0;

    /// <summary>The score of a success in <paramref name="steps"/> steps: 1 − 0.9 · steps / limit.</summary>
    internal static double SuccessScore(int steps, int stepLimit) => 1 - 0.9 * steps / stepLimit;

    private EnvironmentStep Observe(string? feedback, double reward, bool valid)
    {
        var state = State;
        var text = new StringBuilder(256);
        if (feedback is not null)
        {
            text.Append(feedback).Append('\n');
        }

        text.Append(GridworldTranscript.Mission).Append(state.Level.Mission.Text).Append(".\n");
        GridView.Describe(state, _options.ViewSize, text);
        text.Append('\n').Append(GridworldTranscript.Carrying).Append(state.Carried == Tile.Floor ? "nothing" : "a " + state.Carried.Describe()).Append('.');
        if (state.Done)
        {
            text.Append(state.Success ? $"\nMission accomplished in {state.Steps} steps." : "\nOut of steps: the mission failed.");
        }

        return new EnvironmentStep(text.ToString(), reward, state.Done, new StepInfo(valid, state.Success, Score(state), state.Steps));
    }
}
