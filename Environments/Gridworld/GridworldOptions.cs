namespace AgentRL.Environments.Gridworld;

/// <summary>Settings of a gridworld; tasks are generated from (<see cref="ContentSeed"/>, task id).</summary>
public sealed class GridworldOptions
{
    public GridworldPreset Preset { get; set; } = GridworldPreset.SingleRoom;

    public int ContentSeed { get; set; } = 2026;

    /// <summary>Steps before the episode ends as a failure; 0 picks the preset's default (64, 128, 256).</summary>
    public int StepLimit { get; set; }

    public double InvalidActionPenalty { get; set; } = -0.1;

    /// <summary>Side of the egocentric view square (odd); the agent sees this many cells ahead and across.</summary>
    public int ViewSize { get; set; } = 5;

    /// <summary>Also accept "go north/south/east/west" (turn to face that way, then move).</summary>
    public bool AbsoluteMovement { get; set; }

    public TaskSplits Splits { get; set; } = new(10_000, 1_000, 1_000);

    public int EffectiveStepLimit => StepLimit > 0 ? StepLimit : Preset switch
    {
        GridworldPreset.SingleRoom => 64,
        GridworldPreset.MultiRoom => 128,
        _ => 256,
    };

    public static GridworldOptions Default => new();

    public static GridworldOptions Rooms => new() { Preset = GridworldPreset.MultiRoom };

    public static GridworldOptions Hard => new() { Preset = GridworldPreset.HardExploration };
}
