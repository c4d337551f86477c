namespace AgentRL.Environments;

/// <summary>
/// Optional for environments whose tasks are goals stated in the transcript: finds a goal an episode reached by the way
/// (hindsight relabelling), so a failure can also teach what its actions did achieve.
/// </summary>
public interface IHindsightRelabeller
{
    /// <summary>
    /// The goal the episode reached that its task did not ask for, or null. <paramref name="observations"/> holds, per
    /// turn, the observation its action brought.
    /// </summary>
    HindsightGoal? Relabel(IReadOnlyList<string> observations);
}
