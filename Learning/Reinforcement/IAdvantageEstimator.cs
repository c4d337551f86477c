using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Turns a group of rollouts of one task into an advantage per turn of each rollout; the trainer gives every action
/// token of a turn its turn's advantage. GRPO, GiGPO, IGPO, OPRL and ArCHer differ only here.
/// </summary>
public interface IAdvantageEstimator
{
    string Name { get; }

    /// <summary>One array per trajectory, one value per turn, in the order given.</summary>
    IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group);
}
