using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>Preference pairs within one group: every (successful, failed) pair of its rollouts, by index.</summary>
public static class TrajectoryPairs
{
    /// <summary>
    /// Success is the environment's own verdict (<see cref="Trajectory.Success"/>: the mission done, the exact product
    /// bought), not a positive score. A group that all succeeded or all failed gives no pairs.
    /// </summary>
    public static IReadOnlyList<(int Success, int Failure)> SuccessFailure(IReadOnlyList<Trajectory> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var pairs = new List<(int, int)>();
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = 0; j < group.Count; j++)
            {
                if (group[i].Success && !group[j].Success)
                {
                    pairs.Add((i, j));
                }
            }
        }

        return pairs;
    }
}
