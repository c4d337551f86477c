using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Threading.Channels;
using AgentRL.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// One framed TCP connection over Pipelines: a read loop that cuts frames and hands them to
/// <see cref="OnFrame"/>, and a write loop that batches queued frames into as few flushes as possible. A frame over the
/// size limit is skipped without buffering it, and reported by <see cref="OnOversizedFrame"/>, so one oversized
/// message does not cost the connection; bytes that are not a frame at all close it.
/// </summary>
internal abstract partial class FramedConnection : IAsyncDisposable
{
    private readonly ConnectionContext _connection;
    private readonly Channel<WireWriter> _outbound = Channel.CreateUnbounded<WireWriter>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _discardRemaining;

    protected FramedConnection(ConnectionContext connection, int maxFrameLength, ILogger logger)
    {
        _connection = connection;
        MaxFrameLength = maxFrameLength;
        Logger = logger;
    }

    public int MaxFrameLength { get; }

    public string RemoteEndPoint => _connection.RemoteEndPoint?.ToString() ?? "unknown";

    public bool IsClosed => _closing.IsCancellationRequested;

    /// <summary>Completes when both loops have stopped.</summary>
    public Task Closed => _closed.Task;

    protected ILogger Logger { get; }

    /// <summary>Queues a finished frame (see <see cref="Frames"/>); takes ownership of the writer.</summary>
    public bool TrySend(WireWriter frame)
    {
        if (_outbound.Writer.TryWrite(frame))
        {
            return true;
        }

        frame.Dispose();
        return false;
    }

    /// <summary>Runs the read and write loops until the peer or <see cref="CloseAsync"/> ends the connection.</summary>
    public async Task RunAsync()
    {
        Exception? error = null;
        var writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error = exception;
        }

        _closing.Cancel();
        _outbound.Writer.TryComplete();
        try
        {
            await writing;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error ??= exception;
        }

        while (_outbound.Reader.TryRead(out var unsent))
        {
            unsent.Dispose();
        }

        try
        {
            await _connection.DisposeAsync();
        }
        finally
        {
            OnClosed(error);
            _closed.TrySetResult();
        }
    }

    public async Task CloseAsync()
    {
        if (_closed.Task.IsCompleted)
        {
            return;
        }

        _outbound.Writer.TryComplete();
        _closing.Cancel();
        _connection.Abort(new ConnectionAbortedException("Connection closed locally."));
        await _closed.Task;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    protected abstract void OnFrame(FrameKind kind, long correlationId, ReadOnlySpan<byte> body);

    /// <summary>A frame longer than the limit arrived; its body is being discarded.</summary>
    protected abstract void OnOversizedFrame(FrameKind kind, long correlationId, long length);

    protected virtual void OnClosed(Exception? error)
    {
    }

    private async Task ReadLoopAsync()
    {
        var input = _connection.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_closing.Token);
                var buffer = result.Buffer;
                var keepGoing = ProcessFrames(ref buffer);
                input.AdvanceTo(buffer.Start, buffer.End);
                if (!keepGoing || result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (ConnectionResetException)
        {
        }
        catch (ConnectionAbortedException)
        {
        }
        finally
        {
            await input.CompleteAsync();
        }
    }

    /// <summary>Consumes whole frames from <paramref name="buffer"/>; false if the stream is not ours to read.</summary>
    private bool ProcessFrames(ref ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[Frames.HeaderSize];
        while (true)
        {
            if (_discardRemaining > 0)
            {
                var skip = Math.Min(_discardRemaining, buffer.Length);
                buffer = buffer.Slice(skip);
                _discardRemaining -= skip;
                if (_discardRemaining > 0)
                {
                    return true;
                }
            }

            if (buffer.Length < Frames.HeaderSize)
            {
                return true;
            }

            buffer.Slice(0, Frames.HeaderSize).CopyTo(header);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var kindByte = header[4];
            var correlationId = BinaryPrimitives.ReadInt64LittleEndian(header[5..]);
            if (length < Frames.MinimumLength || !Frames.IsKnown(kindByte))
            {
                LogProtocolViolation(Logger, RemoteEndPoint, length, kindByte);
                return false;
            }

            var kind = (FrameKind)kindByte;
            if (length > MaxFrameLength)
            {
                LogOversized(Logger, RemoteEndPoint, length, MaxFrameLength);
                OnOversizedFrame(kind, correlationId, length);
                _discardRemaining = length - Frames.MinimumLength;
                buffer = buffer.Slice(Frames.HeaderSize);
                continue;
            }

            if (buffer.Length < 4 + length)
            {
                return true;
            }

            var body = buffer.Slice(Frames.HeaderSize, length - Frames.MinimumLength);
            if (body.IsSingleSegment)
            {
                OnFrame(kind, correlationId, body.FirstSpan);
            }
            else
            {
                var copy = ArrayPool<byte>.Shared.Rent((int)body.Length);
                try
                {
                    body.CopyTo(copy);
                    OnFrame(kind, correlationId, copy.AsSpan(0, (int)body.Length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
            }

            buffer = buffer.Slice(4 + length);
        }
    }

    private async Task WriteLoopAsync()
    {
        var output = _connection.Transport.Output;
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        output.Write(frame.WrittenSpan);
                    }
                    finally
                    {
                        frame.Dispose();
                    }
                }

                var flush = await output.FlushAsync(_closing.Token);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (ConnectionResetException)
        {
        }
        catch (ConnectionAbortedException)
        {
        }
        finally
        {
            _closing.Cancel();
            await output.CompleteAsync();
            _connection.Abort(new ConnectionAbortedException("Connection closed."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing connection from {Remote}: not a frame (length {Length}, kind {Kind})")]
    private static partial void LogProtocolViolation(ILogger logger, string remote, uint length, byte kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discarding a {Length}-byte frame from {Remote}: the limit is {Limit} bytes")]
    private static partial void LogOversized(ILogger logger, string remote, uint length, int limit);
}
