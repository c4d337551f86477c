using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Networking;

/// <summary>The body layout of request and response frames, shared by clients and silos.</summary>
internal static class RequestFrames
{
    /// <summary>
    /// Builds a complete request frame, or throws <see cref="MessageTooLargeException"/> without sending. A request for
    /// another silo (<paramref name="targetSilo"/>) names the incarnation it is meant for and how many silos forwarded it.
    /// </summary>
    public static WireWriter WriteRequest(
        long correlationId, GrainReference target, GrainRequest request, TimeSpan timeout, int maxFrameLength, SiloAddress? targetSilo = null, int hops = 0)
    {
        var frame = Frames.Begin(targetSilo is null ? FrameKind.Request : FrameKind.SiloRequest, correlationId);
        try
        {
            if (targetSilo is { } silo)
            {
                frame.WriteVarInt64(silo.Generation);
                frame.WriteByte((byte)hops);
            }

            frame.WriteVarUInt32(target.Interface.Id);
            frame.WriteVarUInt32(request.Method.MethodId);
            frame.WriteString(target.Key);
            frame.WriteVarUInt64(timeout == Timeout.InfiniteTimeSpan ? 0 : (ulong)Math.Clamp(timeout.TotalMilliseconds, 1, uint.MaxValue));
            request.WriteArguments(frame);
            var length = Frames.End(frame);
            if (length > maxFrameLength)
            {
                throw new MessageTooLargeException(
                    $"The request {request.Method.DisplayName} to {target} is {length} bytes; the limit is {maxFrameLength} bytes. Nothing was sent.");
            }

            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    /// <summary>Builds an OK response; falls back to an exception response if the result cannot be sent.</summary>
    public static WireWriter WriteResult<TResult>(long correlationId, GrainRequest<TResult> request, TResult result, int maxFrameLength)
    {
        var frame = Frames.Begin(FrameKind.Response, correlationId);
        try
        {
            frame.WriteByte((byte)ResponseStatus.Ok);
            request.ResultCodec.Write(frame, result);
            var length = Frames.End(frame);
            if (length <= maxFrameLength)
            {
                return frame;
            }

            frame.Dispose();
            return WriteException(correlationId, new MessageTooLargeException(
                $"The result of {request.Method.DisplayName} is {length} bytes; the limit is {maxFrameLength} bytes."));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            frame.Dispose();
            return WriteException(correlationId, exception);
        }
    }

    public static WireWriter WriteException(long correlationId, Exception exception)
    {
        var frame = Frames.Begin(FrameKind.Response, correlationId);
        frame.WriteByte((byte)ResponseStatus.Exception);
        RemoteExceptions.Write(frame, exception);
        Frames.End(frame);
        return frame;
    }

    /// <summary>A response saying the request was not run, so the caller may safely send it elsewhere.</summary>
    public static WireWriter WriteRejected(long correlationId, string reason)
    {
        var frame = Frames.Begin(FrameKind.Response, correlationId);
        frame.WriteByte((byte)ResponseStatus.Rejected);
        frame.WriteString(reason);
        Frames.End(frame);
        return frame;
    }

    public static WireWriter WriteCancel(long correlationId) => Frames.Empty(FrameKind.Cancel, correlationId);
}
