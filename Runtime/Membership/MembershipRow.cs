namespace AgentRL.Runtime.Membership;

/// <summary>An entry as stored, with the ETag an update must present.</summary>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);
