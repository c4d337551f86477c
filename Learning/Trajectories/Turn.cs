namespace AgentRL.Learning.Trajectories;

/// <summary>
/// One turn of an episode, exactly as the policy lived it: the context tokens it was shown, the action tokens it
/// sampled (ending with end-of-action when it stopped), the log-probability of each action token at sampling time,
/// and what the environment answered. Only action tokens are ever trained on.
/// </summary>
public sealed record Turn(
    int[] ContextTokens,
    int[] ActionTokens,
    float[] ActionLogProbs,
    string Action,
    string Observation,
    double Reward,
    bool Valid,
    string CellKey);
