namespace AgentRL.Runtime.Membership;

/// <summary>One silo of a cluster as a client sees it: address, name, status, roles and its gateway ("" if none).</summary>
[GenerateSerializer]
public sealed record SiloInfo(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] SiloStatus Status,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] string Gateway,
    [property: Id(5)] DateTimeOffset LastHeartbeat);
