namespace AgentRL.Environments;

/// <summary>
/// A goal an episode reached that its task did not ask for: the turns up to <see cref="LastTurn"/> are a success of the
/// task whose transcript reads <see cref="Replace"/> wherever the episode's reads <see cref="Find"/>, scored
/// <see cref="Score"/> as the environment would have scored it.
/// </summary>
public sealed record HindsightGoal(int LastTurn, string Find, string Replace, double Score);
