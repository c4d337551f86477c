using System.Buffers.Binary;
using System.Net.Sockets;
using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Networking;

/// <summary>
/// Probes a silo with a <see cref="FrameKind.Ping"/> frame on a fresh connection to its endpoint: a refused connection
/// (the process is gone) fails at once, a frozen one runs into the agent's probe timeout. A fresh connection per probe
/// keeps a probe independent of the state of any connection that carries calls.
/// </summary>
internal sealed class PingProber : ISiloProber
{
    private long _nextCorrelationId;

    public async Task<bool> ProbeAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(silo.EndPoint, cancellationToken);
        var correlationId = Interlocked.Increment(ref _nextCorrelationId);
        using (var ping = Frames.Empty(FrameKind.Ping, correlationId))
        {
            await socket.SendAsync(ping.WrittenMemory, SocketFlags.None, cancellationToken);
        }

        var pong = new byte[Frames.HeaderSize];
        for (var read = 0; read < pong.Length;)
        {
            var n = await socket.ReceiveAsync(pong.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(pong) == Frames.MinimumLength
               && pong[4] == (byte)FrameKind.Pong
               && BinaryPrimitives.ReadInt64LittleEndian(pong.AsSpan(5)) == correlationId;
    }
}
