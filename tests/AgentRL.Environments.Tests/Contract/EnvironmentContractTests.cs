using System.Text;

namespace AgentRL.Environments.Tests.Contract;

/// <summary>
/// The behaviour every environment owes the platform (shared/ENVIRONMENTS.md, "Common to all three"). Each
/// environment's test class derives from this and adds its own reward cases.
/// </summary>
public abstract class EnvironmentContractTests
{
    /// <summary>A fresh instance with default options (content seed fixed).</summary>
    protected abstract IEnvironment Create();

    /// <summary>Tasks per split the expert is checked on.</summary>
    protected virtual int ExpertTasksPerSplit => 500;

    /// <summary>
    /// The recorded <see cref="Fingerprint"/> of this environment's default content. It changes only when generation
    /// or observations change on purpose; anything else (a runtime's random numbers, hashing, culture) must not.
    /// </summary>
    protected abstract string ExpectedFingerprint { get; }

    [Fact]
    public void GeneratedContentMatchesItsRecordedFingerprint() => Assert.Equal(ExpectedFingerprint, Fingerprint(Create()));

    [Fact]
    public void SteppingAfterTheEpisodeIsDoneIsACallersMistake()
    {
        var environment = Create();
        Assert.Throws<InvalidOperationException>(() => environment.Step("anything"));

        var step = environment.Reset(0);
        while (!step.Done)
        {
            step = environment.Step(environment.ExpertAction()!);
        }

        Assert.Null(environment.ExpertAction());
        Assert.Throws<InvalidOperationException>(() => environment.Step(RandomAction(environment, new Random(1))));
    }

    [Theory]
    [InlineData(TaskSplit.Train)]
    [InlineData(TaskSplit.Validation)]
    [InlineData(TaskSplit.Test)]
    public void TheExpertSolvesEveryGeneratedTaskOfTheSplit(TaskSplit split)
    {
        var environment = Create();
        var failures = new List<string>();
        foreach (var taskId in environment.Splits.TaskIds(split).Take(ExpertTasksPerSplit))
        {
            var step = environment.Reset(taskId);
            while (!step.Done)
            {
                var action = environment.ExpertAction();
                Assert.NotNull(action);
                step = environment.Step(action);
                Assert.True(step.Info.Valid, $"task {taskId}: the expert's action '{action}' was invalid: {step.Observation}");
            }

            if (!step.Info.Success || step.Info.Score <= 0)
            {
                failures.Add($"task {taskId}: score {step.Info.Score}, last observation: {step.Observation}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first: {failures.FirstOrDefault()}");
    }

    [Fact]
    public void TheSameTaskAndSeedGiveByteIdenticalObservations()
    {
        var first = Play(Create(), taskId: 3, seed: 7, steps: 30, actionSeed: 11);
        var second = Play(Create(), taskId: 3, seed: 7, steps: 30, actionSeed: 11);

        Assert.Equal(first, second);
    }

    [Fact]
    public void SnapshotAndRestoreAreExactUnderRandomActionSequences()
    {
        // Property: for random tasks and random action sequences, restoring a mid-episode snapshot and replaying the
        // rest gives exactly the same observations, rewards and infos.
        var random = new Random(1234);
        for (var trial = 0; trial < 60; trial++)
        {
            var environment = Create();
            var taskId = random.Next(environment.Splits.Count);
            var length = random.Next(2, 25);
            var cut = random.Next(length);

            environment.Reset(taskId, seed: trial);
            var actions = new List<string>();
            var played = new List<string>();
            byte[]? snapshot = null;
            for (var i = 0; i < length; i++)
            {
                if (i == cut)
                {
                    snapshot = environment.Snapshot();
                }

                var action = RandomAction(environment, random);
                actions.Add(action);
                var step = environment.Step(action);
                played.Add(Describe(step) + "|" + environment.CellKey);
                if (step.Done)
                {
                    break;
                }
            }

            if (snapshot is null)
            {
                continue;
            }

            var restored = Create();
            restored.Reset((taskId + 1) % restored.Splits.Count);
            restored.Restore(snapshot);
            var replayed = actions.Skip(cut).Select(a =>
            {
                var step = restored.Step(a);
                return Describe(step) + "|" + restored.CellKey;
            }).ToList();

            Assert.Equal(played.Skip(cut), replayed);
        }
    }

    [Fact]
    public void InvalidEmptyEnormousAndNonAsciiActionsLeaveTheStateUnchangedWithAPenalty()
    {
        var environment = Create();
        environment.Reset(5);
        var before = environment.Snapshot();
        var key = environment.CellKey;
        var enormous = new string('x', 1 << 20);

        foreach (var action in new[] { "", "   ", "dance wildly", enormous, "走向红球 🎈", "\0\u0001", "[]", "click[", "search]" })
        {
            var step = environment.Step(action);
            if (step.Done)
            {
                // Invalid actions use steps too; the step limit may end a short episode first.
                Assert.False(step.Info.Success);
                break;
            }

            Assert.False(step.Info.Valid, $"'{action[..Math.Min(20, action.Length)]}' was accepted");
            Assert.True(step.Reward < 0, "invalid actions cost a small penalty");
            Assert.InRange(step.Observation.Length, 1, 4000);
            Assert.Equal(key, environment.CellKey);
        }

        // The state is unchanged apart from the step counter the invalid actions used.
        Assert.Equal(before.Length, environment.Snapshot().Length);
    }

    [Fact]
    public void AnInvalidActionExplainsItself()
    {
        var environment = Create();
        environment.Reset(2);

        var step = environment.Step("dance wildly");

        Assert.Contains("dance wildly", step.Observation);
    }

    [Fact]
    public void CellKeysRepeatAcrossEpisodesThatReachTheSameState()
    {
        var a = Create();
        var b = Create();
        a.Reset(9);
        b.Reset(9);
        Assert.Equal(a.CellKey, b.CellKey);

        var expertAction = a.ExpertAction()!;
        a.Step(expertAction);
        b.Step(expertAction);
        Assert.Equal(a.CellKey, b.CellKey);

        // The expert's first action changes the state, and with it the key.
        Assert.NotEqual(KeyAfterReset(9), a.CellKey);
    }

    [Fact]
    public void RestoringForeignOrTruncatedBytesFailsClearly()
    {
        var environment = Create();
        environment.Reset(1);
        var snapshot = environment.Snapshot();

        Assert.Throws<FormatException>(() => environment.Restore(snapshot.AsSpan(0, snapshot.Length / 2)));
        Assert.Throws<FormatException>(() => environment.Restore(Encoding.UTF8.GetBytes("not a snapshot at all")));
        environment.Restore(snapshot);
        Assert.Equal(snapshot, environment.Snapshot());
    }

    [Fact]
    public void TheStepLimitEndsTheEpisodeAsAFailure()
    {
        var environment = Create();
        var step = environment.Reset(4);
        var steps = 0;
        while (!step.Done && steps < 10_000)
        {
            step = environment.Step("dance wildly");
            steps++;
        }

        Assert.True(step.Done);
        Assert.False(step.Info.Success);
        Assert.Equal(0, step.Info.Score);
    }

    [Fact]
    public void SplitsAreFixedDisjointRanges()
    {
        var splits = Create().Splits;
        var train = splits.TaskIds(TaskSplit.Train).ToHashSet();
        var validation = splits.TaskIds(TaskSplit.Validation).ToHashSet();
        var test = splits.TaskIds(TaskSplit.Test).ToHashSet();

        Assert.True(train.Count >= 500 && validation.Count >= 500 && test.Count >= 500);
        Assert.Empty(train.Intersect(validation));
        Assert.Empty(validation.Intersect(test));
        Assert.Equal(TaskSplit.Test, splits.SplitOf(splits.Count - 1));
    }

    /// <summary>SHA-256 of the observations, rewards and cell keys of expert episodes of tasks 0–4, and of a few raw tasks.</summary>
    private static string Fingerprint(IEnvironment environment)
    {
        var text = new StringBuilder();
        for (var taskId = 0; taskId < 5; taskId++)
        {
            var step = environment.Reset(taskId);
            text.Append(Describe(step)).Append(environment.CellKey).Append(environment.GroundTruth);
            while (!step.Done)
            {
                step = environment.Step(environment.ExpertAction()!);
                text.Append(Describe(step)).Append(environment.CellKey);
            }
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private string KeyAfterReset(int taskId)
    {
        var environment = Create();
        environment.Reset(taskId);
        return environment.CellKey;
    }

    /// <summary>A random action: mostly valid ones (from the list or the expert), some invalid.</summary>
    protected virtual string RandomAction(IEnvironment environment, Random random)
    {
        var valid = environment.ValidActions();
        return random.Next(10) switch
        {
            0 => "not an action",
            1 or 2 => environment.ExpertAction() ?? "noop",
            _ when valid is { Count: > 0 } => valid[random.Next(valid.Count)],
            _ => environment.ExpertAction() ?? "noop",
        };
    }

    private List<string> Play(IEnvironment environment, int taskId, int seed, int steps, int actionSeed)
    {
        var random = new Random(actionSeed);
        var log = new List<string> { Describe(environment.Reset(taskId, seed)) };
        for (var i = 0; i < steps; i++)
        {
            var step = environment.Step(RandomAction(environment, random));
            log.Add(Describe(step) + "|" + environment.CellKey);
            if (step.Done)
            {
                break;
            }
        }

        return log;
    }

    private static string Describe(EnvironmentStep step) =>
        $"{step.Observation}|{step.Reward:R}|{step.Done}|{step.Info.Valid}|{step.Info.Success}|{step.Info.Score:R}|{step.Info.StepCount}";
}
