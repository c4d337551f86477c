namespace AgentRL.Runtime.Networking;

internal enum ResponseStatus : byte
{
    Ok = 0,
    Exception = 1,
}
