using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// DAPO's dynamic sampling, applied after advantage estimation: a rollout whose every turn has zero advantage (with
/// GRPO, any rollout of a group that all scored the same) would only pay for the KL term, so it is left out of the
/// update. Estimators with turn-level signal (IGPO, OPRL, ArCHer) keep such rollouts whenever a turn is non-zero.
/// </summary>
public static class DynamicSampling
{
    public static (List<Trajectory> Trajectories, List<double[]> Advantages) DropUninformative(IReadOnlyList<Trajectory> trajectories, IReadOnlyList<double[]> advantages)
    {
        if (trajectories.Count != advantages.Count)
        {
            throw new ArgumentException($"{trajectories.Count} trajectories but {advantages.Count} advantage arrays.", nameof(advantages));
        }

        var kept = Enumerable.Range(0, trajectories.Count).Where(i => advantages[i].Any(a => a != 0)).ToList();
        return (kept.Select(i => trajectories[i]).ToList(), kept.Select(i => advantages[i]).ToList());
    }
}
