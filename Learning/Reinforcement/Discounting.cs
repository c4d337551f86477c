namespace AgentRL.Learning.Reinforcement;

/// <summary>Discounted sums over a rollout's turns, as GiGPO's step returns and IGPO's turn advantages use them.</summary>
public static class Discounting
{
    /// <summary>R_t = Σ_{k≥t} γ^{k−t} r_k, accumulated from the last turn back.</summary>
    public static double[] Returns(IReadOnlyList<double> rewards, double discount)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        var returns = new double[rewards.Count];
        var next = 0.0;
        for (var t = rewards.Count - 1; t >= 0; t--)
        {
            returns[t] = next = rewards[t] + discount * next;
        }

        return returns;
    }
}
