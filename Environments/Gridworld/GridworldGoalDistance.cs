namespace AgentRL.Environments.Gridworld;

/// <summary>
/// How many steps a gridworld state is from its mission being accomplished, estimated from the whole map by Manhattan
/// distances along the mission's parts (to the object to carry, then from it to where it must go), ignoring walls,
/// doors and turns; carrying an object the current part does not need costs one more step (dropping it). An
/// estimate for shaping, not a plan: the expert plans; this only has to fall as an episode gets closer.
/// </summary>
internal static class GridworldGoalDistance
{
    public static double Of(GridState state)
    {
        if (state.Success)
        {
            return 0;
        }

        var mission = state.Level.Mission;
        var agent = (state.X, state.Y);
        var goal = state.Find(Tile.GoalSquare);
        switch (mission.Kind)
        {
            case MissionKind.GoTo:
                // Carried, the target is one drop from being in front of the agent.
                return state.Carried == mission.Target ? 1 : Steps(agent, state.Find(mission.Target));
            case MissionKind.PickUp:
                return Fetch(state, mission.Target, then: null);
            case MissionKind.PickUpThenGoal:
                return state.Stage == 1 ? Steps(agent, goal) : Fetch(state, mission.Target, then: goal);
            case MissionKind.PutNext:
                var other = state.Find(mission.Other) is { X: >= 0 } placed ? placed : agent;
                return state.Carried == mission.Target ? Steps(agent, other) : Fetch(state, mission.Target, then: other);
            case MissionKind.Open:
                var door = state.Find(mission.Target);
                var key = Tile.Object(TileKind.Key, mission.Target.Color);
                return state.At(door.X, door.Y).DoorState == DoorState.Locked && state.Carried != key ? Fetch(state, key, then: door) : Steps(agent, door);
            default:
                return Steps(agent, goal);
        }
    }

    /// <summary>To the object (dropping anything else first), then, carrying it, to <paramref name="then"/>.</summary>
    private static double Fetch(GridState state, Tile item, (int X, int Y)? then)
    {
        var position = state.Find(item);
        var drop = state.Carried != Tile.Floor && state.Carried != item ? 1 : 0;
        return drop + Steps((state.X, state.Y), position) + (then is { } next ? Steps(position, next) : 0);
    }

    private static int Steps((int X, int Y) from, (int X, int Y) to) => Math.Abs(from.X - to.X) + Math.Abs(from.Y - to.Y);
}
