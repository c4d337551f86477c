using AgentRL.Environments.Gridworld;

namespace AgentRL.Learning.Tests.Tokenization;

/// <summary>The text a tokenizer is for: gridworld observations and the expert's actions over whole episodes.</summary>
internal static class GridworldText
{
    public static List<string> ExpertEpisodes(int tasks, GridworldOptions? options = null)
    {
        var texts = new List<string>();
        var environment = new GridworldEnvironment(options);
        for (var task = 0; task < tasks; task++)
        {
            var step = environment.Reset(task);
            texts.Add(step.Observation);
            while (!step.Done && environment.ExpertAction() is { } action)
            {
                texts.Add(action);
                step = environment.Step(action);
                texts.Add(step.Observation);
            }
        }

        return texts;
    }
}
