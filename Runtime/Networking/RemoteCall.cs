using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// The client's side of one remote call: completes from the response frame, or fails on timeout, cancellation or a
/// lost connection (each telling the gateway to stop work where it can).
/// </summary>
internal sealed class RemoteCall<TResult> : TaskCompletionSource<TResult>, IRemoteCall, ITrackedCall
{
    private readonly GrainRequest<TResult> _request;
    private readonly GrainReference _target;
    private readonly TimeSpan _timeout;
    private readonly OutboundConnection _connection;
    private readonly IGrainReferenceFactory _references;
    private CancellationTokenRegistration _cancellation;

    public RemoteCall(GrainReference target, GrainRequest<TResult> request, long correlationId, TimeSpan timeout, long deadline, OutboundConnection connection, IGrainReferenceFactory references)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _target = target;
        _request = request;
        _timeout = timeout;
        _connection = connection;
        _references = references;
        CorrelationId = correlationId;
        DeadlineTimestamp = deadline;
    }

    public long CorrelationId { get; }

    public long DeadlineTimestamp { get; }

    public void WatchCancellation()
    {
        if (_request.CancellationToken.CanBeCanceled)
        {
            _cancellation = _request.CancellationToken.Register(static s => ((RemoteCall<TResult>)s!).OnCancelled(), this);
        }
    }

    public void OnResponse(ReadOnlySpan<byte> body)
    {
        _cancellation.Dispose();
        try
        {
            var reader = new WireReader(body, _references);
            switch ((ResponseStatus)reader.ReadByte())
            {
                case ResponseStatus.Ok:
                    var result = _request.ResultCodec.Read(ref reader);
                    reader.EnsureFullyRead();
                    TrySetResult(result);
                    break;
                case ResponseStatus.Exception:
                    TrySetException(RemoteExceptions.Read(ref reader));
                    break;
                case ResponseStatus.Rejected:
                    TrySetException(new SiloUnavailableException(reader.ReadString() ?? "The silo did not run the request.") { RequestNotSent = true });
                    break;
                default:
                    throw new WireFormatException("Unknown response status.");
            }
        }
        catch (Exception exception) when (exception is WireFormatException or OverflowException)
        {
            TrySetException(new WireFormatException($"The response to {_request.Method.DisplayName} on {_target} does not decode: {exception.Message}"));
        }
    }

    public void Fail(Exception exception)
    {
        _cancellation.Dispose();
        TrySetException(exception);
    }

    public void OnTimeout()
    {
        _connection.Abandon(CorrelationId);
        Fail(new TimeoutException($"Call to {_request.Method.DisplayName} on {_target} timed out after {_timeout}."));
    }

    private void OnCancelled()
    {
        _connection.Abandon(CorrelationId);
        TrySetCanceled(_request.CancellationToken);
    }
}
