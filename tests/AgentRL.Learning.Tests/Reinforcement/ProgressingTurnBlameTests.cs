using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Tests.Rollout;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>A failure's blame kept on its wrong turns, taken off the turns that brought it closer to the goal.</summary>
public sealed class ProgressingTurnBlameTests
{
    [Fact]
    public void OnlyTheNegativeAdvantagesOfTurnsThatMadeProgressShrink()
    {
        // A success, and a failure that stepped closer, stepped away, turned, and stepped closer again.
        var group = new[] { ProgressShapingTests.Walk(0.8, 1, -1, 0, 1), ProgressShapingTests.Walk(0, 1, -1, 0, 1) };
        IReadOnlyList<double[]> advantages = [[0.4, 0.4, 0.4, 0.4], [-0.4, -0.4, -0.4, -0.4]];

        var spared = ProgressingTurnBlame.Apply(group, advantages, 0.25);

        Assert.Equal([0.4, 0.4, 0.4, 0.4], spared[0]); // a success's turns keep their credit, even the one that moved away
        Assert.Equal([-0.1, -0.4, -0.4, -0.1], spared[1], new ToleranceComparer(1e-12));
        Assert.Equal(-0.4, advantages[1][0]); // the inputs are kept
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgressingTurnBlame.Apply(group, advantages, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgressingTurnBlame.Apply(group, advantages, 1.5));
        Assert.Throws<ArgumentException>(() => ProgressingTurnBlame.Apply(group, [[0.0], [0.0]], 0.5));
    }

    [Fact]
    public void AFailureThatOnlyMadeProgressIsLeftOutOfTheUpdateWhenNoneOfItsBlameIsKept()
    {
        using var model = LearningFixture.TinyPolicy(6);
        var rollouts = LearningFixture.EchoRollouts(model, 2);
        // Half the group succeeds; of the failures, the first made progress on every turn and the second on none.
        var group = rollouts.Select((t, i) => t with
        {
            Score = i < 2 ? 1 : 0,
            Success = i < 2,
            Turns = t.Turns.Select(turn => turn with { Valid = true, Progress = i == 2 ? 1 : 0 }).ToList(),
        }).ToList();
        using var trainer = LearningFixture.Trainer(model);

        var (blamed, _, _) = GroupedUpdate.Apply(trainer, new GrpoAdvantageEstimator(), group, groupSize: 4);
        var (spared, metrics, _) = GroupedUpdate.Apply(trainer, new GrpoAdvantageEstimator(), group, groupSize: 4, new GroupedUpdateOptions { ProgressingTurnBlame = 0 });

        Assert.Equal(4, blamed);
        Assert.Equal(3, spared);
        Assert.Equal(group.Where((_, i) => i != 2).Sum(t => t.ActionTokenCount), metrics!.Tokens);
    }
}
