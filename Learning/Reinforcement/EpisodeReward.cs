namespace AgentRL.Learning.Reinforcement;

/// <summary>Which number of a finished episode trajectory-level estimators compare within a group.</summary>
public enum EpisodeReward
{
    /// <summary>
    /// The environment's final score (the outcome). Groups that all fail compare equal and carry no gradient, as
    /// outcome-only GRPO intends; small step penalties cannot masquerade as signal.
    /// </summary>
    Score,

    /// <summary>The sum of the step rewards, penalties for invalid actions included.</summary>
    Return,

    /// <summary>
    /// 1 for a solved episode, 0 otherwise. A score that falls with the steps taken lets the step counts of a group of
    /// successes weigh as much as a success against a failure; this keeps only the outcome.
    /// </summary>
    Success,
}
