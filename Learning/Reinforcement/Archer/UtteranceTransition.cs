namespace AgentRL.Learning.Reinforcement.Archer;

/// <summary>
/// One turn as the utterance-level critic sees it: the context tokens the policy acted in (s), the action tokens it
/// wrote (a), the turn's reward, and the next turn's context (s′), absent when the episode ended with this turn.
/// </summary>
public sealed record UtteranceTransition(int[] State, int[] Action, double Reward, int[]? NextState)
{
    public bool Done => NextState is null;
}
