using AgentRL.Runtime.CodeGeneration;

namespace AgentRL.Runtime.Messaging;

/// <summary>Receives the outcome of a request that did not complete synchronously: a local waiter or a connection.</summary>
internal interface IResponseSink
{
    void OnResult<TResult>(GrainRequest<TResult> request, TResult result);

    void OnException(GrainRequest request, Exception exception);
}
