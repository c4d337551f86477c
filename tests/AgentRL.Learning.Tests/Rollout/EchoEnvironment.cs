using AgentRL.Environments;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Learning.Tests.Rollout;

/// <summary>
/// A two-turn test environment small enough to learn in seconds: "Say the word: X." then "Now say: Y."; an action is
/// right if it is the requested word. Reward 0.5 per right word, success when both are right. Its distance to the goal
/// is the right words still missing.
/// </summary>
internal sealed class EchoEnvironment : IEnvironment, IGoalDistance
{
    public static readonly string[] Words = ["alpha", "beta", "gamma", "delta"];

    private int _taskId;
    private int _turn;
    private int _right;

    public string Name => "echo";

    public TaskSplits Splits { get; } = new(200, 50, 50);

    public string CellKey => $"{_taskId}:{_turn}";

    public string? GroundTruth => Requested;

    public double GoalDistance => 2 - _right;

    private string Requested => Words[(_taskId / (_turn == 0 ? 1 : 4)) % Words.Length];

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        (_taskId, _turn, _right) = (taskId, 0, 0);
        return new EnvironmentStep($"Say the word: {Requested}.", 0, false, new StepInfo(true, false, 0, 0));
    }

    public EnvironmentStep Step(string action)
    {
        var right = ActionText.Normalize(action) == Requested;
        var valid = Words.Contains(ActionText.Normalize(action));
        _right += right ? 1 : 0;
        _turn++;
        var done = _turn == 2;
        var score = _right / 2.0;
        return new EnvironmentStep(done ? $"Done: {_right} of 2 right." : $"Now say: {Requested}.", right ? 0.5 : valid ? 0 : -0.1, done, new StepInfo(valid, done && _right == 2, done ? score : 0, _turn));
    }

    public byte[] Snapshot() => SnapshotFormat.Write(Name, 1, w =>
    {
        w.WriteVarInt32(_taskId);
        w.WriteVarInt32(_turn);
        w.WriteVarInt32(_right);
    });

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, 1, (ref WireReader r) =>
    {
        _taskId = r.ReadVarInt32();
        _turn = r.ReadVarInt32();
        _right = r.ReadVarInt32();
    });

    public string? ExpertAction() => _turn < 2 ? Requested : null;

    public IReadOnlyList<string>? ValidActions() => Words;
}
