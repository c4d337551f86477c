namespace AgentRL.Environments.Gridworld;

/// <summary>
/// What the agent must do. Objects are named by kind and colour; the generator makes every named object unique in
/// its level.
/// </summary>
public sealed record Mission(MissionKind Kind, Tile Target, Tile Other)
{
    public string Text => Kind switch
    {
        MissionKind.GoTo => $"go to the {Target.Noun()}",
        MissionKind.PickUp => $"pick up the {Target.Noun()}",
        MissionKind.Open => $"open the {Target.Noun()}",
        MissionKind.PutNext => $"put the {Target.Noun()} next to the {Other.Noun()}",
        MissionKind.PickUpThenGoal => $"pick up the {Target.Noun()}, then go to the goal",
        _ => "go to the goal",
    };
}
