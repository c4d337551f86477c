using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Networking;

/// <summary>Building frames: a header with a length placeholder, a body, then the length patched in.</summary>
internal static class Frames
{
    /// <summary>Length prefix + kind + correlation id.</summary>
    public const int HeaderSize = 4 + 1 + 8;

    /// <summary>The kind and correlation id every frame's length covers.</summary>
    public const int MinimumLength = 1 + 8;

    public static WireWriter Begin(FrameKind kind, long correlationId, int capacity = 256)
    {
        var writer = new WireWriter(capacity);
        writer.WriteUInt32LittleEndian(0);
        writer.WriteByte((byte)kind);
        writer.WriteInt64LittleEndian(correlationId);
        return writer;
    }

    /// <summary>Patches the length in; returns the length the receiver will check against its limit.</summary>
    public static int End(WireWriter writer)
    {
        var length = writer.Length - 4;
        writer.PatchUInt32LittleEndian(0, (uint)length);
        return length;
    }

    public static bool IsKnown(byte kind) => kind is >= (byte)FrameKind.Request and <= (byte)FrameKind.Leaving;

    /// <summary>A frame of <paramref name="kind"/> with no body.</summary>
    public static WireWriter Empty(FrameKind kind, long correlationId)
    {
        var frame = Begin(kind, correlationId, 16);
        End(frame);
        return frame;
    }
}
