using AgentRL.Environments.Search;

namespace AgentRL.Environments.Tests.Search;

public sealed class SearchEnvironmentTests
{
    [Fact]
    public void EveryHopOfEveryTaskIsReachableWithTheExpertsQuery()
    {
        var environment = new SearchEnvironment();
        var knowledge = environment.KnowledgeBase;
        var failures = new List<string>();
        var hops = 0;
        for (var taskId = 0; taskId < environment.Splits.Count; taskId++)
        {
            foreach (var hop in environment.QuestionOf(taskId).Hops)
            {
                hops++;
                Assert.NotEmpty(hop.SupportingPassageIds);
                var hits = knowledge.Search(hop.ExpertQuery, environment.Options.TopK);
                if (!hits.Any(h => hop.SupportingPassageIds.Contains(h.Document)))
                {
                    failures.Add($"task {taskId}: '{hop.ExpertQuery}' misses {string.Join(" | ", hop.SupportingPassageIds.Select(p => knowledge.Passages[p].Text))}; got {string.Join(" | ", hits.Select(h => knowledge.Passages[h.Document].Text))}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {hops} hops unreachable; first: {string.Join("\n", failures.Take(5))}");
    }
}
