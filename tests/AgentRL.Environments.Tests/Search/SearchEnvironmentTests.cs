using AgentRL.Environments.Search;
using AgentRL.Environments.Text;

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
                Assert.All(hop.SupportingPassageIds, p => Assert.Contains(hop.Answer, knowledge.Passages[p].Text));
                var hits = knowledge.Search(hop.ExpertQuery, environment.Options.TopK);
                if (!hits.Any(h => hop.SupportingPassageIds.Contains(h.Document)))
                {
                    failures.Add($"task {taskId}: '{hop.ExpertQuery}' misses {knowledge.Passages[hop.SupportingPassageIds[0]].Text}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {hops} hops unreachable; first: {string.Join("\n", failures.Take(5))}");
    }

    [Fact]
    public void HopsChainFromTheQuestionToTheAnswer()
    {
        var environment = new SearchEnvironment();
        var hopCounts = new HashSet<int>();
        foreach (var taskId in environment.Splits.TaskIds(TaskSplit.Test))
        {
            var question = environment.QuestionOf(taskId);
            hopCounts.Add(question.Hops.Count);
            Assert.InRange(question.Hops.Count, 1, 3);
            Assert.Contains(question.Hops[0].SubjectName, question.Text);
            for (var h = 1; h < question.Hops.Count; h++)
            {
                // Each hop starts from the previous hop's answer, which the question never names.
                Assert.Equal(question.Hops[h - 1].Answer, question.Hops[h].SubjectName);
                Assert.DoesNotContain(question.Hops[h].SubjectName, question.Text);
            }

            Assert.Equal(question.Hops[^1].Answer, question.Answer);
        }

        Assert.Equal([1, 2, 3], hopCounts.Order());
    }

    [Fact]
    public void TheGroundTruthNeverAppearsInObservationsTheEnvironmentWrites()
    {
        // Search results are the agent's own doing and do contain answers; everything else (the question, refusals,
        // the end of an episode) must not give the answer away.
        var environment = new SearchEnvironment();
        var taskIds = environment.Splits.TaskIds(TaskSplit.Validation)
            .Concat(environment.Splits.TaskIds(TaskSplit.Test))
            .Concat(environment.Splits.TaskIds(TaskSplit.Train).Where(t => t % 10 == 0));
        foreach (var taskId in taskIds)
        {
            var observations = new List<string> { environment.Reset(taskId).Observation };
            var truth = environment.GroundTruth!;
            Assert.Equal(environment.Question.Answer, truth);
            observations.Add(environment.Step("dance wildly").Observation);
            observations.Add(environment.Step("answer[]").Observation);
            observations.Add(environment.Step("answer[I do not know]").Observation);

            environment.Reset(taskId);
            EnvironmentStep step;
            do
            {
                step = environment.Step("search[]");
                observations.Add(step.Observation);
            }
            while (!step.Done);

            foreach (var observation in observations)
            {
                Assert.False(ContainsWords(observation, truth), $"task {taskId}: '{truth}' appears in: {observation}");
            }
        }
    }

    [Fact]
    public void TheSameTaskGivesByteIdenticalObservationsAcrossInstances()
    {
        static List<string> Play(int taskId)
        {
            var environment = new SearchEnvironment();
            var observations = new List<string> { environment.Reset(taskId).Observation };
            foreach (var action in new[] { "search[city country born]", "nonsense", "search[founded]", environment.ExpertAction()!, "answer[Port]" })
            {
                observations.Add(environment.Step(action).Observation);
            }

            return observations;
        }

        foreach (var taskId in new[] { 0, 17, 6_100, 6_999 })
        {
            Assert.Equal(Play(taskId), Play(taskId));
        }
    }

    [Fact]
    public void SearchesShowNumberedResultsAndTheCellKeyCountsThem()
    {
        var environment = new SearchEnvironment();
        environment.Reset(0);
        Assert.Equal("0:", environment.CellKey);
        var query = environment.Question.Hops[0].ExpertQuery;

        var step = environment.Step($"  Search [ {query} ] ");
        var hits = environment.KnowledgeBase.Search(query, 3);

        Assert.True(step.Info.Valid);
        Assert.Equal(0, step.Reward);
        Assert.False(step.Done);
        Assert.Equal(3, hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Contains($"[{i + 1}] {environment.KnowledgeBase.Passages[hits[i].Document].Text}", step.Observation);
        }

        Assert.Contains($"Search 1: {TextTokens.Normalize(query)}", step.Observation);
        Assert.Equal("1:" + string.Join(',', hits.Select(h => h.Document).Order()), environment.CellKey);

        // The same search again: same passages, one more search.
        environment.Step($"[search[{query}]]");
        Assert.Equal("2:" + string.Join(',', hits.Select(h => h.Document).Order()), environment.CellKey);
    }

    [Fact]
    public void AnEmptySearchIsInvalid()
    {
        var environment = new SearchEnvironment();
        environment.Reset(0);

        foreach (var action in new[] { "search[]", "search[  ]", "search[?!.]", "find[something]" })
        {
            var step = environment.Step(action);
            Assert.False(step.Info.Valid);
            Assert.Equal(-0.1, step.Reward);
            Assert.Equal("0:", environment.CellKey);
            Assert.Contains("search[query]", step.Observation);
            Assert.Contains("answer[text]", step.Observation);
        }
    }

    [Fact]
    public void TheExpertRecoversFromDetoursAndAnswersWhenTurnsRunShort()
    {
        var environment = new SearchEnvironment();
        var threeHops = Enumerable.Range(0, environment.Splits.Count).First(t => environment.QuestionOf(t).Hops.Count == 3);

        // Two wasted turns leave exactly enough for three searches and the answer.
        environment.Reset(threeHops);
        environment.Step("search[weather]");
        environment.Step("oops");
        var step = FollowExpert(environment);
        Assert.True(step.Info.Success);
        Assert.Equal(environment.Options.StepLimit, step.Info.StepCount);

        // Three wasted turns: the searches no longer fit, so the expert answers at once.
        environment.Reset(threeHops);
        for (var i = 0; i < 3; i++)
        {
            environment.Step("oops");
        }

        Assert.StartsWith("answer[", environment.ExpertAction());
        Assert.True(environment.Step(environment.ExpertAction()!).Info.Success);
        Assert.Null(environment.ExpertAction());
    }

    [Fact]
    public void SnapshotsRestoreAFinishedEpisodeExactly()
    {
        var environment = new SearchEnvironment();
        environment.Reset(42);
        environment.Step("search[founded]");
        var truth = environment.GroundTruth!;
        environment.Step($"answer[{truth.Split(' ')[0]}]");
        var snapshot = environment.Snapshot();

        var other = new SearchEnvironment();
        other.Reset(7);
        other.Restore(snapshot);

        Assert.Equal(snapshot, other.Snapshot());
        Assert.Equal(environment.CellKey, other.CellKey);
        Assert.Equal(truth, other.GroundTruth);
        Assert.Null(other.ExpertAction());
        Assert.Throws<InvalidOperationException>(() => other.Step("search[again]"));
    }

    [Fact]
    public void EnvironmentsShareOneKnowledgeBasePerContentSeed()
    {
        var a = new SearchEnvironment();
        var b = new SearchEnvironment(new SearchOptions { TopK = 5, StepLimit = 8 });
        var c = new SearchEnvironment(new SearchOptions { ContentSeed = 7, PersonCount = 200, CompanyCount = 60, CityCount = 60, WorkCount = 80, TrainTaskCount = 10 });

        Assert.Same(a.KnowledgeBase, b.KnowledgeBase);
        Assert.NotSame(a.KnowledgeBase, c.KnowledgeBase);
        Assert.Contains("top 5 passages", b.Reset(0).Observation);
    }

    private static EnvironmentStep FollowExpert(SearchEnvironment environment)
    {
        while (true)
        {
            var action = environment.ExpertAction()!;
            var step = environment.Step(action);
            Assert.True(step.Info.Valid);
            if (step.Done)
            {
                return step;
            }
        }
    }

    private static bool ContainsWords(string text, string phrase) =>
        $" {TextTokens.Normalize(text)} ".Contains($" {TextTokens.Normalize(phrase)} ", StringComparison.Ordinal);
}
