namespace AgentRL.Environments;

/// <summary>
/// Optional for environments whose simulator can tell how far the current state is from accomplishing the task: an
/// estimate in steps, read from the full state (the whole map, where the objects are), never part of an observation.
/// Turn-level shaping credits each step with how much closer it brought the episode, which is potential-based shaping
/// with the negated distance as the potential: it adds to every turn, but sums over an episode to a term that depends on
/// its first and last states alone, so it cannot make a loop pay.
/// </summary>
public interface IGoalDistance
{
    /// <summary>Steps the current state still is from the task being accomplished, by the environment's estimate (0 once it is).</summary>
    double GoalDistance { get; }
}
