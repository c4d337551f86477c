namespace AgentRL.Grains.Exploration;

/// <summary>The archive grain's key for a run on an environment.</summary>
public static class ArchiveKey
{
    public static string For(string runId, string environment) => $"{runId}/{environment}";
}
