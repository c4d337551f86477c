using System.Runtime.CompilerServices;

namespace AgentRL.Runtime.Serialization;

/// <summary>Enums travel as their underlying integer value, zig-zag varint encoded.</summary>
public sealed class EnumCodec<T> : IWireCodec<T> where T : unmanaged, Enum
{
    public static readonly EnumCodec<T> Instance = new();

    public void Write(WireWriter writer, T value)
    {
        var raw = Unsafe.SizeOf<T>() switch
        {
            1 => Unsafe.As<T, sbyte>(ref value),
            2 => Unsafe.As<T, short>(ref value),
            4 => Unsafe.As<T, int>(ref value),
            _ => Unsafe.As<T, long>(ref value),
        };
        writer.WriteVarInt64(raw);
    }

    public T Read(ref WireReader reader)
    {
        var raw = reader.ReadVarInt64();
        T value = default;
        switch (Unsafe.SizeOf<T>())
        {
            case 1: Unsafe.As<T, sbyte>(ref value) = checked((sbyte)raw); break;
            case 2: Unsafe.As<T, short>(ref value) = checked((short)raw); break;
            case 4: Unsafe.As<T, int>(ref value) = checked((int)raw); break;
            default: Unsafe.As<T, long>(ref value) = raw; break;
        }

        return value;
    }
}
