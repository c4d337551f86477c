namespace AgentRL.Runtime.Networking;

/// <summary>A request sent on a client connection and waiting for its response frame.</summary>
internal interface IRemoteCall
{
    void OnResponse(ReadOnlySpan<byte> body);

    void Fail(Exception exception);
}
