using AgentRL.Environments;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Learning.Tests.Reinforcement;

/// <summary>
/// A deterministic chain: positions 0..3, "forward" moves one on, and leaving position 3 ends the episode with reward 1;
/// anything else stays put. With discount γ the values are V(k) = γ^(3 − k).
/// </summary>
internal sealed class ChainEnvironment : IEnvironment
{
    public const int Length = 4;
    private int _position;

    public string Name => "chain";

    public TaskSplits Splits { get; } = new(10, 10, 10);

    public string CellKey => _position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string? GroundTruth => null;

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        _position = 0;
        return Observe(0);
    }

    public EnvironmentStep Step(string action)
    {
        var forward = ActionText.Normalize(action) == "forward";
        if (forward)
        {
            _position++;
        }

        return _position == Length
            ? new EnvironmentStep("You reached the end.", 1, true, new StepInfo(true, true, 1, _position))
            : Observe(0) with { Info = new StepInfo(forward, false, 0, _position) };
    }

    public byte[] Snapshot() => SnapshotFormat.Write(Name, 1, w => w.WriteVarInt32(_position));

    public void Restore(ReadOnlySpan<byte> snapshot) => SnapshotFormat.Read(snapshot, Name, 1, (ref WireReader r) => _position = r.ReadVarInt32());

    public string? ExpertAction() => _position < Length ? "forward" : null;

    public IReadOnlyList<string>? ValidActions() => ["forward", "wait"];

    private EnvironmentStep Observe(double reward) => new($"You are at position {_position} of the chain.", reward, false, new StepInfo(true, false, 0, _position));
}
