namespace AgentRL.Learning.Trajectories;

/// <summary>
/// One turn of an episode, exactly as the policy lived it: the context tokens it was shown, the action tokens it
/// sampled (ending with end-of-action when it stopped), the log-probability of each action token at sampling time,
/// and what the environment answered. Only action tokens are ever trained on. A <see cref="Forced"/> turn's action was
/// chosen by a search (spanning proposals) rather than sampled from the policy, so it is kept in the record but never
/// trained on; the turns after it are the policy's own. <see cref="Progress"/> is how many steps closer to accomplishing
/// the task the action brought the environment, by its own estimate (<see cref="AgentRL.Environments.IGoalDistance"/>;
/// negative when it moved away, 0 where the environment gives none).
/// </summary>
[GenerateSerializer]
public sealed record Turn(
    [property: Id(0)] int[] ContextTokens,
    [property: Id(1)] int[] ActionTokens,
    [property: Id(2)] float[] ActionLogProbs,
    [property: Id(3)] string Action,
    [property: Id(4)] string Observation,
    [property: Id(5)] double Reward,
    [property: Id(6)] bool Valid,
    [property: Id(7)] string CellKey,
    [property: Id(8)] bool Forced = false,
    [property: Id(9)] double Progress = 0);
