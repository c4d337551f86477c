namespace AgentRL.Learning.Reinforcement;

/// <summary>How the per-token losses of an update are averaged.</summary>
public enum LossAggregation
{
    /// <summary>Every trained token weighs the same.</summary>
    TokenMean,

    /// <summary>Every trajectory weighs the same, spread evenly over its action tokens.</summary>
    TrajectoryMean,
}
