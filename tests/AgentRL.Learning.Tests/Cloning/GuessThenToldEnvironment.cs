using AgentRL.Environments;
using AgentRL.Learning.Tests.Rollout;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Learning.Tests.Cloning;

/// <summary>
/// Covariate shift in two turns: "Guess the word." has a hidden answer (the task's), and a wrong guess is answered with
/// "Wrong. The word is X." and one more try. The expert knows the answer, so its demonstrations never show the second
/// turn: a clone learns to guess, never to repeat what it was told. Success is saying the word within two turns.
/// </summary>
internal sealed class GuessThenToldEnvironment : IEnvironment
{
    private int _taskId;
    private int _turn;
    private bool _done;
    private bool _right;

    public string Name => "guess-then-told";

    public TaskSplits Splits { get; } = new(200, 50, 50);

    public string CellKey => $"{_taskId}:{_turn}";

    public string? GroundTruth => null;

    private string Answer => EchoEnvironment.Words[_taskId % EchoEnvironment.Words.Length];

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        (_taskId, _turn, _done, _right) = (taskId, 0, false, false);
        return new EnvironmentStep("Guess the word.", 0, false, new StepInfo(true, false, 0, 0));
    }

    public EnvironmentStep Step(string action)
    {
        _turn++;
        _right = ActionText.Normalize(action) == Answer;
        _done = _right || _turn == 2;
        var observation = _right ? "Right." : _done ? "Wrong again." : $"Wrong. The word is {Answer}.";
        return new EnvironmentStep(observation, _right ? 1 : 0, _done, new StepInfo(true, _right, _right ? 1 : 0, _turn));
    }

    public string? ExpertAction() => _done ? null : Answer;

    public IReadOnlyList<string>? ValidActions() => EchoEnvironment.Words;

    public byte[] Snapshot() => SnapshotFormat.Write(Name, 1, w =>
    {
        w.WriteVarInt32(_taskId);
        w.WriteVarInt32(_turn);
        w.WriteBoolean(_done);
        w.WriteBoolean(_right);
    });

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, 1, (ref WireReader r) =>
    {
        _taskId = r.ReadVarInt32();
        _turn = r.ReadVarInt32();
        _done = r.ReadBoolean();
        _right = r.ReadBoolean();
    });
}
