namespace AgentRL.Grains.Training;

/// <summary>How policy replicas batch requests (configuration section "AgentRL:Policy").</summary>
public sealed class PolicyReplicaOptions
{
    public const string Section = "AgentRL:Policy";

    /// <summary>
    /// How long a replica waits for more requests before running a batch smaller than its last one: episodes come back
    /// for their next action at nearly the same time, and one forward pass for all of them is far cheaper than several.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The most requests in one forward pass.</summary>
    public int MaxBatch { get; set; } = 256;
}
