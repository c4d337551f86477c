using AgentRL.Learning.Reinforcement;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>Turn-level penalties laid over an estimator's advantages: rejected actions and returns to visited states.</summary>
public sealed class TurnPenaltyTests
{
    private static Trajectory WithValidity(double score, params bool[] valid) => new("test", 0, 0,
        valid.Select(v => new Turn([1], [2], [-0.5f], "a", "o", v ? 0 : -0.1, v, "k")).ToList(), score, score == 1, 0);

    [Fact]
    public void TheInvalidActionPenaltyLowersOnlyRejectedTurnsAndReachesGroupsWithoutSignal()
    {
        // A group that failed throughout: GRPO gives all zeros; the penalty leaves -0.5 on the rejected turns alone.
        var failed = new[] { WithValidity(0, true, false, true), WithValidity(0, false, false) };
        var grpo = new GrpoAdvantageEstimator();
        var plain = grpo.Estimate(failed);

        var penalised = InvalidActionPenalty.Apply(failed, plain, 0.5);

        Assert.Equal([0.0, -0.5, 0.0], penalised[0]);
        Assert.Equal([-0.5, -0.5], penalised[1]);
        Assert.Equal([0.0, 0.0, 0.0], plain[0]);
        // A mixed group keeps GRPO's ±1 (up to ε) and adds the penalty where the action was rejected.
        var mixed = new[] { WithValidity(1, true, false), WithValidity(0, true) };
        var shaped = InvalidActionPenalty.Apply(mixed, grpo.Estimate(mixed), 0.5);
        Assert.Equal(1 / (1 + 2e-6) - 0.5, shaped[0][1], 9);
        Assert.Equal(1 / (1 + 2e-6), shaped[0][0], 9);
        Assert.Equal(-1 / (1 + 2e-6), shaped[1][0], 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => InvalidActionPenalty.Apply(mixed, grpo.Estimate(mixed), -1));
        Assert.Throws<ArgumentException>(() => InvalidActionPenalty.Apply(mixed, [[0.0]], 0.5));
    }

    private static Trajectory Walk(params (string Key, string Observation, bool Valid)[] turns) => new("test", 0, 0,
        turns.Select(t => new Turn([1], [2], [-0.5f], "a", t.Observation, 0, t.Valid, t.Key)).ToList(), 0, false, 0, StartCellKey: "s0");

    [Fact]
    public void TheRevisitPenaltyLowersAcceptedTurnsThatReturnToAVisitedState()
    {
        // s1 → s2 → s1 (back) → s1 (rejected: left to the invalid-action penalty) → s2 (back) → s1 seen otherwise (an object
        // dropped in view: the same key, another observation) → s1 as it was (back).
        var looping = Walk(("s1", "o1", true), ("s2", "o2", true), ("s1", "o1", true), ("s1", "o1", false), ("s2", "o2", true), ("s1", "o1 + ball", true), ("s1", "o1", true));
        // Environments without cell keys never count as revisits.
        var keyless = Walk(("", "o", true), ("", "o", true));

        Assert.Equal([false, false, true, false, true, false, true], RevisitPenalty.Revisits(looping));
        Assert.Equal([false, false], RevisitPenalty.Revisits(keyless));
        var plain = new GrpoAdvantageEstimator().Estimate([looping, keyless]);
        var penalised = RevisitPenalty.Apply([looping, keyless], plain, 0.25);
        Assert.Equal([0.0, 0.0, -0.25, 0.0, -0.25, 0.0, -0.25], penalised[0]);
        Assert.Equal([0.0, 0.0], penalised[1]);
        Assert.All(plain[0], a => Assert.Equal(0.0, a));
        Assert.Throws<ArgumentOutOfRangeException>(() => RevisitPenalty.Apply([looping], [plain[0]], -0.1));
        Assert.Throws<ArgumentException>(() => RevisitPenalty.Apply([looping], [[0.0]], 0.25));
    }

    [Fact]
    public void TheRevisitPenaltyGivesAGroupThatFailedAlikeSignalAtItsRepeatingTurnsAlone()
    {
        using var model = LearningFixture.TinyPolicy(6);
        var rollouts = LearningFixture.EchoRollouts(model, 2);
        // Every rollout fails; the first two return to their first turn's state on their last, the others never return.
        var failed = rollouts.Select((t, i) => t with
        {
            Score = 0,
            Success = false,
            Turns = t.Turns.Select((turn, k) => turn with { Valid = true, Observation = "o", CellKey = i < 2 && k == t.Turns.Count - 1 ? "cell 0" : $"cell {k}" }).ToList(),
        }).ToList();
        using var trainer = LearningFixture.Trainer(model);

        var (withoutPenalty, _, _) = GroupedUpdate.Apply(trainer, new GrpoAdvantageEstimator(), failed, groupSize: 4);
        var (trained, metrics, _) = GroupedUpdate.Apply(trainer, new GrpoAdvantageEstimator(), failed, groupSize: 4, new GroupedUpdateOptions { RevisitPenalty = 0.5 });

        Assert.Equal(0, withoutPenalty);
        Assert.Equal(2, trained);
        // Only the two looping rollouts are trained, all their turns fed to the trainer, only the last with a gradient.
        Assert.Equal(failed.Take(2).Sum(t => t.ActionTokenCount), metrics!.Tokens);
    }
}
