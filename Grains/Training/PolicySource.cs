namespace AgentRL.Grains.Training;

/// <summary>
/// Where a policy replica gets its weights, as the policy grain's key: a training run's learner ("run:ID", newest
/// published version) or a checkpoint folder on the silo ("checkpoint:PATH", version fixed).
/// </summary>
public static class PolicySource
{
    private const string RunPrefix = "run:";
    private const string CheckpointPrefix = "checkpoint:";

    public static string Run(string runId) => RunPrefix + runId;

    public static string Checkpoint(string folder) => CheckpointPrefix + Path.GetFullPath(folder);

    /// <summary>The run id or checkpoint folder a key names; throws for anything else.</summary>
    public static (string? RunId, string? CheckpointFolder) Parse(string key) =>
        key.StartsWith(RunPrefix, StringComparison.Ordinal) ? (key[RunPrefix.Length..], null)
        : key.StartsWith(CheckpointPrefix, StringComparison.Ordinal) ? (null, key[CheckpointPrefix.Length..])
        : throw new ArgumentException($"'{key}' is not a policy source; use \"{RunPrefix}ID\" or \"{CheckpointPrefix}PATH\".", nameof(key));
}
