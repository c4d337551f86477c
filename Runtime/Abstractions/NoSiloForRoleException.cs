namespace AgentRL.Runtime;

/// <summary>A grain placed by silo role was called while no active silo of the cluster has that role.</summary>
public sealed class NoSiloForRoleException(string message) : Exception(message);
