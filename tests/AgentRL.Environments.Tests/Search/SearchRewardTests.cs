using AgentRL.Environments.Search;

namespace AgentRL.Environments.Tests.Search;

/// <summary>Answer rewards against hand-computed token-set F1 and exact match.</summary>
public sealed class SearchRewardTests
{
    [Theory]
    [InlineData("Aria Tamsin", "Aria Tamsin", 1.0)]
    [InlineData("aria", "Aria Tamsin", 2.0 / 3)] // P = 1/1, R = 1/2: 2·(1·0.5)/(1 + 0.5)
    [InlineData("the Aria Tamsin", "Aria Tamsin", 0.8)] // P = 2/3, R = 1: 2·(2/3)/(5/3)
    [InlineData("Venn venn", "Port Venn", 2.0 / 3)] // sets: {venn} against {port, venn}
    [InlineData("PORT-venn!", "Port Venn", 1.0)]
    [InlineData("Kelvin Systems", "Kelvar Systems", 0.5)] // P = 1/2, R = 1/2
    [InlineData("Kelvin", "Kelvar Systems", 0.0)]
    [InlineData("", "Kelvar Systems", 0.0)]
    [InlineData("?!", "Kelvar Systems", 0.0)]
    public void TokenF1MatchesHandComputedValues(string prediction, string gold, double expected)
    {
        Assert.Equal(expected, AnswerGrading.TokenF1(prediction, gold), 12);
    }

    [Theory]
    [InlineData("  PORT venn. ", "Port Venn", true)]
    [InlineData("Port-Venn", "Port Venn", true)]
    [InlineData("Venn Port", "Port Venn", false)] // same words, other order: F1 1 but not an exact match
    [InlineData("Port Venn city", "Port Venn", false)]
    [InlineData("", "", false)]
    public void ExactMatchIgnoresCaseAndPunctuationOnly(string prediction, string gold, bool expected)
    {
        Assert.Equal(expected, AnswerGrading.IsExactMatch(prediction, gold));
    }

    [Fact]
    public void GradeTakesTheBestAlias()
    {
        var grade = AnswerGrading.Grade("Tamsin", ["Aria Tamsin", "Tamsin"]);
        var partial = AnswerGrading.Grade("Bron Tamsin", ["Aria Tamsin", "Tamsin"]);

        Assert.Equal(new AnswerGrade(1.0, true), grade);
        Assert.Equal(2.0 / 3, partial.F1, 12); // against "Tamsin": P = 1/2, R = 1 (against "Aria Tamsin" only 1/2)
        Assert.False(partial.ExactMatch);
    }

    [Fact]
    public void TheCanonicalAnswerScoresOneAndSucceeds()
    {
        var (environment, question) = StartTaskWithPersonAnswer();

        var step = environment.Step($"answer[{question.Answer}]");

        AssertFinal(step, reward: 1.0, success: true);
    }

    [Fact]
    public void AFirstNameAloneEarnsPartialCredit()
    {
        var (environment, question) = StartTaskWithPersonAnswer();
        var firstName = question.Answer.Split(' ')[0];

        var step = environment.Step($"answer[{firstName}]");

        // Against "First Surname": P = 1, R = 1/2, F1 = 2/3; against "Surname": 0. Best alias: 2/3.
        AssertFinal(step, reward: 2.0 / 3, success: false);
    }

    [Fact]
    public void CaseAndPunctuationDoNotMatter()
    {
        var (environment, question) = StartTaskWithPersonAnswer();

        var step = environment.Step($"ANSWER[  {question.Answer.ToUpperInvariant().Replace(' ', '-')}!!! ]");

        AssertFinal(step, reward: 1.0, success: true);
    }

    [Fact]
    public void TheSurnameAliasCountsAsExact()
    {
        var (environment, question) = StartTaskWithPersonAnswer();

        var step = environment.Step($"answer[{question.Aliases[1]}]");

        Assert.Equal(question.Answer.Split(' ')[1], question.Aliases[1]);
        AssertFinal(step, reward: 1.0, success: true);
    }

    [Fact]
    public void AWrongAnswerEndsTheEpisodeWithZero()
    {
        var (environment, _) = StartTaskWithPersonAnswer();

        var step = environment.Step("answer[nobody at all]");

        AssertFinal(step, reward: 0, success: false);
    }

    [Theory]
    [InlineData("answer[]")]
    [InlineData("answer[   ]")]
    [InlineData("answer[?!]")]
    public void AnEmptyAnswerIsAnInvalidActionNotAFinalAnswer(string action)
    {
        // Decision: an answer without words is a format error (like search[]), so the agent keeps its turns' worth
        // of chances: state unchanged except the turn it used, the penalty applies, the episode goes on.
        var (environment, _) = StartTaskWithPersonAnswer();
        var key = environment.CellKey;

        var step = environment.Step(action);

        Assert.False(step.Info.Valid);
        Assert.False(step.Done);
        Assert.Equal(environment.Options.InvalidActionPenalty, step.Reward);
        Assert.Equal(0, step.Info.Score);
        Assert.Equal(key, environment.CellKey);
        Assert.Contains("answer needs at least one word", step.Observation);
    }

    [Fact]
    public void NoAnswerWithinTheStepLimitScoresZero()
    {
        var (environment, _) = StartTaskWithPersonAnswer();
        var rewards = new List<double>();
        EnvironmentStep step;
        do
        {
            step = environment.Step("search[founded born]");
            rewards.Add(step.Reward);
        }
        while (!step.Done);

        Assert.Equal(environment.Options.StepLimit, rewards.Count);
        Assert.All(rewards, r => Assert.Equal(0, r)); // valid searches earn nothing either way
        Assert.True(step.Info.Valid);
        AssertFinal(step, reward: 0, success: false);
        Assert.Contains("no answer was given", step.Observation);
    }

    [Fact]
    public void ActingAfterTheEndIsRefusedAndChangesNothing()
    {
        var (environment, question) = StartTaskWithPersonAnswer();
        var final = environment.Step($"answer[{question.Answer}]");
        var snapshot = environment.Snapshot();

        Assert.Throws<InvalidOperationException>(() => environment.Step($"answer[{question.Answer}]"));

        Assert.True(final.Info.Success);
        Assert.Equal(snapshot, environment.Snapshot());
    }

    private static (SearchEnvironment Environment, SearchQuestion Question) StartTaskWithPersonAnswer()
    {
        var environment = new SearchEnvironment();
        var taskId = Enumerable.Range(0, environment.Splits.Count)
            .First(t => environment.QuestionOf(t).Hops[^1].Relation is Relation.Founder or Relation.Creator);
        environment.Reset(taskId);
        var question = environment.Question;
        Assert.Equal(2, question.Answer.Split(' ').Length);
        return (environment, question);
    }

    private static void AssertFinal(EnvironmentStep step, double reward, bool success)
    {
        Assert.True(step.Done);
        Assert.Equal(reward, step.Reward, 12);
        Assert.Equal(reward, step.Info.Score, 12);
        Assert.Equal(success, step.Info.Success);
    }
}
