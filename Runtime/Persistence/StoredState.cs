namespace AgentRL.Runtime.Persistence;

/// <summary>A stored state record: the serialised state and its ETag.</summary>
public sealed record StoredState(byte[] Data, string Etag);
