using System.Buffers.Binary;
using System.Net.Sockets;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Tests.Networking;

/// <summary>A bare TCP connection to a gateway for sending hand-made (and malformed) frames.</summary>
public sealed class RawConnection : IDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private NetworkStream _stream = null!;

    public static async Task<RawConnection> OpenAsync(TestSilo silo)
    {
        var connection = new RawConnection();
        await connection._tcp.ConnectAsync(silo.GatewayEndPoint);
        connection._stream = connection._tcp.GetStream();
        return connection;
    }

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    /// <summary>A request frame whose body is written by <paramref name="body"/>.</summary>
    public static byte[] Frame(byte kind, long correlationId, Action<WireWriter> body, uint? lengthOverride = null)
    {
        using var writer = new WireWriter();
        writer.WriteUInt32LittleEndian(0);
        writer.WriteByte(kind);
        writer.WriteInt64LittleEndian(correlationId);
        body(writer);
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, lengthOverride ?? (uint)(bytes.Length - 4));
        return bytes;
    }

    /// <summary>Reads one response frame: (correlation id, status, body after the status byte).</summary>
    public async Task<(long CorrelationId, byte Status, byte[] Body)> ReadResponseAsync()
    {
        var header = await ReadExactlyAsync(13);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        Assert.Equal(2, header[4]);
        var correlationId = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(5));
        var body = await ReadExactlyAsync((int)length - 9);
        return (correlationId, body[0], body[1..]);
    }

    /// <summary>Reads one frame of any kind: (kind, correlation id, body).</summary>
    public async Task<(byte Kind, long CorrelationId, byte[] Body)> ReadFrameAsync()
    {
        var header = await ReadExactlyAsync(13);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var body = await ReadExactlyAsync((int)length - 9);
        return (header[4], BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(5)), body);
    }

    /// <summary>Reads an exception response and returns the exception's type name and message.</summary>
    public async Task<(long CorrelationId, string Type, string Message)> ReadErrorAsync()
    {
        var (id, status, body) = await ReadResponseAsync();
        Assert.Equal(1, status);
        var reader = new WireReader(body);
        return (id, reader.ReadString()!, reader.ReadString()!);
    }

    /// <summary>True if the silo closed the connection (read returns end of stream) within the timeout.</summary>
    public async Task<bool> IsClosedBySiloAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (await _stream.ReadAsync(buffer, cancellation.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _stream.ReadExactlyAsync(buffer, cancellation.Token);
        return buffer;
    }

    public void Dispose() => _tcp.Dispose();
}
