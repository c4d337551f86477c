using AgentRL.Environments;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Grains.Tests;

/// <summary>
/// A two-turn game small enough for the tiny preset to learn in seconds: call "heads", then "tails". A wrong call ends
/// the episode as a failure; anything but heads or tails is invalid (penalised, state unchanged); six steps end it.
/// </summary>
internal sealed class CoinsEnvironment : IEnvironment, IGoalDistance
{
    private const int StepLimit = 6;
    private static readonly string[] Expert = ["heads", "tails"];
    private int _steps;
    private int _turn;
    private bool _done;

    public string Name => "coins";

    public TaskSplits Splits { get; } = new(20, 10, 10);

    public string CellKey => $"{_turn}:{_done}";

    public string? GroundTruth => null;

    /// <summary>The right calls still to make.</summary>
    public double GoalDistance => Expert.Length - _turn;

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        (_steps, _turn, _done) = (0, 0, false);
        return new EnvironmentStep("Toss 1: call heads or tails.", 0, false, new StepInfo(true, false, 0, 0));
    }

    public EnvironmentStep Step(string action)
    {
        if (_done)
        {
            throw new InvalidOperationException("The game is over.");
        }

        _steps++;
        var call = ActionText.Normalize(action);
        if (call is not ("heads" or "tails"))
        {
            _done = _steps == StepLimit;
            return new EnvironmentStep($"'{action}' is not a call. Valid: heads, tails.", -0.1, _done, new StepInfo(false, false, 0, _steps));
        }

        if (call != Expert[_turn])
        {
            _done = true;
            return new EnvironmentStep("Wrong call. You lose.", 0, true, new StepInfo(true, false, 0, _steps));
        }

        _turn++;
        _done = _turn == Expert.Length;
        return _done
            ? new EnvironmentStep("Both calls right. You win.", 1, true, new StepInfo(true, true, 1, _steps))
            : new EnvironmentStep("Right. Toss 2: call heads or tails.", 0, false, new StepInfo(true, false, 0, _steps));
    }

    public byte[] Snapshot() => SnapshotFormat.Write(Name, 1, w =>
    {
        w.WriteVarInt32(_steps);
        w.WriteVarInt32(_turn);
        w.WriteBoolean(_done);
    });

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, 1, (ref WireReader r) =>
    {
        _steps = r.ReadVarInt32();
        _turn = r.ReadVarInt32();
        _done = r.ReadBoolean();
    });

    public string? ExpertAction() => _done ? null : Expert[_turn];

    public IReadOnlyList<string>? ValidActions() => _done ? [] : ["heads", "tails"];
}
