namespace AgentRL.Runtime.Networking;

internal enum ResponseStatus : byte
{
    Ok = 0,
    Exception = 1,

    /// <summary>The request was not run (the silo is leaving); body: why. The caller may send it elsewhere.</summary>
    Rejected = 2,
}
