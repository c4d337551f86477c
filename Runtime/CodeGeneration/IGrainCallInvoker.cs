namespace AgentRL.Runtime.CodeGeneration;

/// <summary>
/// Sends a request to the grain a reference points at: inside a silo, straight to the activation (no serialisation);
/// in a remote client, over the gateway connection.
/// </summary>
public interface IGrainCallInvoker
{
    ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);
}
