namespace AgentRL.Learning.Tests.Rollout;

public sealed class ContextPolicyTests
{
    [Fact]
    public void TheContextIsExactTokensOfThePastTurnsThenTheCurrentObservation()
    {
        var context = LearningFixture.Context();
        var special = LearningFixture.Tokenizer.Special;
        int[] o1 = [40, 41], a1 = [50, special.EndOfAction], o2 = [42];

        var tokens = context.Build([(o1, a1)], o2);

        Assert.Equal([special.Observation, 40, 41, special.Action, 50, special.EndOfAction, special.Observation, 42, special.Action], tokens);
    }

    [Fact]
    public void OnlyTheLastKTurnsAndTheTokenBudgetAreKept()
    {
        var special = LearningFixture.Tokenizer.Special;
        var history = Enumerable.Range(0, 10).Select(i => (new[] { 100 + i }, new[] { 200 + i, special.EndOfAction })).ToList();

        var lastTwo = LearningFixture.Context(maxTurns: 2).Build(history, [7]);
        var budget = LearningFixture.Context(maxTurns: 10, maxTokens: 13).Build(history, [7]);

        Assert.Equal([special.Observation, 108, special.Action, 208, special.EndOfAction, special.Observation, 109, special.Action, 209, special.EndOfAction, special.Observation, 7, special.Action], lastTwo);
        Assert.Equal(13, budget.Length);
        Assert.Equal(109, budget[6]);
    }

    [Fact]
    public void TurnsBeforeTheFullOnesShowTheirActionAlone()
    {
        var special = LearningFixture.Tokenizer.Special;
        var history = Enumerable.Range(0, 10).Select(i => (new[] { 100 + i }, new[] { 200 + i, special.EndOfAction })).ToList();

        var oneFullTwoActions = LearningFixture.Context(maxTurns: 1, pastActions: 2).Build(history, [7]);
        var actionsOnly = LearningFixture.Context(maxTurns: 0, pastActions: 3).Build(history[..2], [7]);
        var budget = LearningFixture.Context(maxTurns: 0, pastActions: 5, maxTokens: 9).Build(history, [7]);

        Assert.Equal([special.Action, 207, special.EndOfAction, special.Action, 208, special.EndOfAction,
            special.Observation, 109, special.Action, 209, special.EndOfAction, special.Observation, 7, special.Action], oneFullTwoActions);
        Assert.Equal([special.Action, 200, special.EndOfAction, special.Action, 201, special.EndOfAction, special.Observation, 7, special.Action], actionsOnly);
        Assert.Equal([special.Action, 208, special.EndOfAction, special.Action, 209, special.EndOfAction, special.Observation, 7, special.Action], budget);
        Assert.Equal(3, LearningFixture.Context(maxTurns: 1, pastActions: 2).HistoryTurns);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningFixture.Context(pastActions: -1));
    }

    [Fact]
    public void AnOverlongObservationKeepsItsEnd()
    {
        var context = LearningFixture.Context(maxTokens: 10);
        var observation = Enumerable.Range(0, 50).ToArray();

        var tokens = context.Build([], observation);

        Assert.Equal(10, tokens.Length);
        Assert.Equal(49, tokens[^2]);
    }

    [Fact]
    public void ActionsRoundTripThroughTokens()
    {
        var context = LearningFixture.Context();

        var tokens = context.EncodeAction("gamma");

        Assert.Equal(LearningFixture.Tokenizer.Special.EndOfAction, tokens[^1]);
        Assert.Equal("gamma", context.ActionText(tokens));
    }
}
