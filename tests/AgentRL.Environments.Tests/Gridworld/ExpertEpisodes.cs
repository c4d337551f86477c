using AgentRL.Environments.Gridworld;

namespace AgentRL.Environments.Tests.Gridworld;

/// <summary>The expert's episodes on the first training tasks of one mission kind.</summary>
internal static class ExpertEpisodes
{
    /// <summary>
    /// Per episode, the steps the expert's actions brought, in order; <paramref name="count"/> episodes from the first 300
    /// tasks. <paramref name="observe"/> sees the environment after each reset and each step, with the steps taken so far.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<EnvironmentStep>> Of(MissionKind kind, GridworldOptions options, int count = 10, Action<GridworldEnvironment, int>? observe = null)
    {
        var environment = new GridworldEnvironment(options);
        var episodes = new List<IReadOnlyList<EnvironmentStep>>();
        for (var taskId = 0; taskId < 300 && episodes.Count < count; taskId++)
        {
            environment.Reset(taskId);
            if (environment.Level.Mission.Kind != kind)
            {
                continue;
            }

            var steps = new List<EnvironmentStep>();
            observe?.Invoke(environment, 0);
            do
            {
                steps.Add(environment.Step(environment.ExpertAction()!));
                observe?.Invoke(environment, steps.Count);
            }
            while (!steps[^1].Done);

            episodes.Add(steps);
        }

        Assert.Equal(count, episodes.Count);
        return episodes;
    }
}
