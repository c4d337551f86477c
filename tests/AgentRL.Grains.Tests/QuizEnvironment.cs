using AgentRL.Environments;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Grains.Tests;

/// <summary>
/// A two-turn game with a ground truth, for IGPO: a coin was tossed; "look" shows which side is up, and
/// "answer[heads]" or "answer[tails]" ends the episode (score 1 when right). Even tasks land heads, odd tails. Anything
/// else is invalid (penalised, state unchanged); four steps end the episode.
/// </summary>
internal sealed class QuizEnvironment : IEnvironment
{
    private const int StepLimit = 4;
    private int _taskId;
    private int _steps;
    private bool _looked;
    private bool _done;

    public string Name => "quiz";

    public TaskSplits Splits { get; } = new(20, 10, 10);

    public string CellKey => $"{_looked}:{_done}";

    public string? GroundTruth => _taskId % 2 == 0 ? "heads" : "tails";

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        (_taskId, _steps, _looked, _done) = (taskId, 0, false, false);
        return new EnvironmentStep("A coin was tossed. Say look, or answer[heads] or answer[tails].", 0, false, new StepInfo(true, false, 0, 0));
    }

    public EnvironmentStep Step(string action)
    {
        if (_done)
        {
            throw new InvalidOperationException("The quiz is over.");
        }

        _steps++;
        var text = ActionText.Normalize(action);
        if (text == "look")
        {
            _looked = true;
            _done = _steps == StepLimit;
            return new EnvironmentStep($"The coin shows {GroundTruth}.", 0, _done, new StepInfo(true, false, 0, _steps));
        }

        if (text is "answer[heads]" or "answer[tails]")
        {
            _done = true;
            var right = text == $"answer[{GroundTruth}]";
            return new EnvironmentStep(right ? "Right." : "Wrong.", right ? 1 : 0, true, new StepInfo(true, right, right ? 1 : 0, _steps));
        }

        _done = _steps == StepLimit;
        return new EnvironmentStep($"'{action}' is not an action.", -0.1, _done, new StepInfo(false, false, 0, _steps));
    }

    public byte[] Snapshot() => SnapshotFormat.Write(Name, 1, w =>
    {
        w.WriteVarInt32(_taskId);
        w.WriteVarInt32(_steps);
        w.WriteBoolean(_looked);
        w.WriteBoolean(_done);
    });

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, 1, (ref WireReader r) =>
    {
        _taskId = r.ReadVarInt32();
        _steps = r.ReadVarInt32();
        _looked = r.ReadBoolean();
        _done = r.ReadBoolean();
    });

    public string? ExpertAction() => _done ? null : _looked ? $"answer[{GroundTruth}]" : "look";

    public IReadOnlyList<string>? ValidActions() => _done ? [] : ["look", "answer[heads]", "answer[tails]"];
}
