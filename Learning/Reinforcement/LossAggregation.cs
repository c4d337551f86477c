namespace AgentRL.Learning.Reinforcement;

/// <summary>How the per-token losses of an update are averaged.</summary>
public enum LossAggregation
{
    /// <summary>Every trained token weighs the same.</summary>
    TokenMean,

    /// <summary>Every trajectory weighs the same, spread evenly over its action tokens.</summary>
    TrajectoryMean,

    /// <summary>
    /// Successes weigh by their tokens, failures as whole trajectories: under a trajectory-mean a success of thirty turns
    /// teaches each of its actions a sixth of what a five-turn success does, and long successes are the rare ones;
    /// a token-mean would also let a long failure push down its many sound actions.
    /// </summary>
    TokenMeanForSuccesses,
}
