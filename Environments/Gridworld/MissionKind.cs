namespace AgentRL.Environments.Gridworld;

public enum MissionKind : byte
{
    /// <summary>"go to the red ball": done when the object is right in front of the agent.</summary>
    GoTo,

    /// <summary>"pick up the blue key": done when carrying it.</summary>
    PickUp,

    /// <summary>"open the yellow door": done when it is open.</summary>
    Open,

    /// <summary>"put the green ball next to the red box": done when dropped beside it.</summary>
    PutNext,

    /// <summary>"pick up the purple key, then go to the goal": both, in that order.</summary>
    PickUpThenGoal,

    /// <summary>"go to the goal": done when standing on the goal square.</summary>
    ReachGoal,
}
