using AgentRL.Environments;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>A two-armed text bandit: "left" pays 1, "right" pays 0.2, anything else is invalid.</summary>
internal sealed class BanditEnvironment : IEnvironment
{
    private bool _done;

    public string Name => "bandit";

    public TaskSplits Splits { get; } = new(10, 10, 10);

    public string CellKey => _done ? "done" : "start";

    public string? GroundTruth => null;

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        _done = false;
        return new EnvironmentStep("Choose an arm: left or right.", 0, false, new StepInfo(true, false, 0, 0));
    }

    public EnvironmentStep Step(string action)
    {
        _done = true;
        var arm = ActionText.Normalize(action);
        var reward = arm == "left" ? 1.0 : arm == "right" ? 0.2 : -0.1;
        return new EnvironmentStep("The arm paid out.", reward, true, new StepInfo(arm is "left" or "right", arm == "left", Math.Max(0, reward), 1));
    }

    public byte[] Snapshot() => SnapshotFormat.Write(Name, 1, w => w.WriteBoolean(_done));

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, 1, (ref WireReader r) => _done = r.ReadBoolean());

    public string? ExpertAction() => _done ? null : "left";

    public IReadOnlyList<string>? ValidActions() => ["left", "right"];
}
