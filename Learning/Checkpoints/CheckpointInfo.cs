using AgentRL.Learning.Policy;

namespace AgentRL.Learning.Checkpoints;

/// <summary>What checkpoint.json records: the model's configuration, the training step, the parameter order, free metadata.</summary>
public sealed record CheckpointInfo(int Format, PolicyConfig Config, int Step, IReadOnlyList<string> Parameters, IReadOnlyDictionary<string, string> Metadata);
