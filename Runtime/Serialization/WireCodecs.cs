using AgentRL.Runtime.CodeGeneration;

namespace AgentRL.Runtime.Serialization;

/// <summary>The codecs of the built-in scalar types; generated code refers to these instances.</summary>
public static class WireCodecs
{
    public static readonly IWireCodec<bool> Boolean = new BooleanCodec();
    public static readonly IWireCodec<byte> Byte = new ByteCodec();
    public static readonly IWireCodec<sbyte> SByte = new SByteCodec();
    public static readonly IWireCodec<short> Int16 = new Int16Codec();
    public static readonly IWireCodec<ushort> UInt16 = new UInt16Codec();
    public static readonly IWireCodec<int> Int32 = new Int32Codec();
    public static readonly IWireCodec<uint> UInt32 = new UInt32Codec();
    public static readonly IWireCodec<long> Int64 = new Int64Codec();
    public static readonly IWireCodec<ulong> UInt64 = new UInt64Codec();
    public static readonly IWireCodec<float> Single = new SingleCodec();
    public static readonly IWireCodec<double> Double = new DoubleCodec();
    public static readonly IWireCodec<decimal> Decimal = new DecimalCodec();
    public static readonly IWireCodec<char> Char = new CharCodec();
    public static readonly IWireCodec<string?> String = new StringCodec();
    public static readonly IWireCodec<Guid> Guid = new GuidCodec();
    public static readonly IWireCodec<DateTime> DateTime = new DateTimeCodec();
    public static readonly IWireCodec<DateTimeOffset> DateTimeOffset = new DateTimeOffsetCodec();
    public static readonly IWireCodec<TimeSpan> TimeSpan = new TimeSpanCodec();
    public static readonly IWireCodec<Unit> Unit = new UnitCodec();

    private sealed class BooleanCodec : IWireCodec<bool>
    {
        public void Write(WireWriter writer, bool value) => writer.WriteBoolean(value);

        public bool Read(ref WireReader reader) => reader.ReadBoolean();
    }

    private sealed class ByteCodec : IWireCodec<byte>
    {
        public void Write(WireWriter writer, byte value) => writer.WriteByte(value);

        public byte Read(ref WireReader reader) => reader.ReadByte();
    }

    private sealed class SByteCodec : IWireCodec<sbyte>
    {
        public void Write(WireWriter writer, sbyte value) => writer.WriteByte((byte)value);

        public sbyte Read(ref WireReader reader) => (sbyte)reader.ReadByte();
    }

    private sealed class Int16Codec : IWireCodec<short>
    {
        public void Write(WireWriter writer, short value) => writer.WriteVarInt64(value);

        public short Read(ref WireReader reader) => checked((short)reader.ReadVarInt64());
    }

    private sealed class UInt16Codec : IWireCodec<ushort>
    {
        public void Write(WireWriter writer, ushort value) => writer.WriteVarUInt64(value);

        public ushort Read(ref WireReader reader) => checked((ushort)reader.ReadVarUInt64());
    }

    private sealed class Int32Codec : IWireCodec<int>
    {
        public void Write(WireWriter writer, int value) => writer.WriteVarInt32(value);

        public int Read(ref WireReader reader) => reader.ReadVarInt32();
    }

    private sealed class UInt32Codec : IWireCodec<uint>
    {
        public void Write(WireWriter writer, uint value) => writer.WriteVarUInt32(value);

        public uint Read(ref WireReader reader) => reader.ReadVarUInt32();
    }

    private sealed class Int64Codec : IWireCodec<long>
    {
        public void Write(WireWriter writer, long value) => writer.WriteVarInt64(value);

        public long Read(ref WireReader reader) => reader.ReadVarInt64();
    }

    private sealed class UInt64Codec : IWireCodec<ulong>
    {
        public void Write(WireWriter writer, ulong value) => writer.WriteVarUInt64(value);

        public ulong Read(ref WireReader reader) => reader.ReadVarUInt64();
    }

    private sealed class SingleCodec : IWireCodec<float>
    {
        public void Write(WireWriter writer, float value) => writer.WriteSingle(value);

        public float Read(ref WireReader reader) => reader.ReadSingle();
    }

    private sealed class DoubleCodec : IWireCodec<double>
    {
        public void Write(WireWriter writer, double value) => writer.WriteDouble(value);

        public double Read(ref WireReader reader) => reader.ReadDouble();
    }

    private sealed class DecimalCodec : IWireCodec<decimal>
    {
        public void Write(WireWriter writer, decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            foreach (var part in bits)
            {
                writer.WriteUInt32LittleEndian((uint)part);
            }
        }

        public decimal Read(ref WireReader reader)
        {
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = (int)reader.ReadUInt32LittleEndian();
            }

            try
            {
                return new decimal(bits);
            }
            catch (ArgumentException e)
            {
                throw new WireFormatException($"Invalid decimal: {e.Message}");
            }
        }
    }

    private sealed class CharCodec : IWireCodec<char>
    {
        public void Write(WireWriter writer, char value) => writer.WriteVarUInt32(value);

        public char Read(ref WireReader reader) => checked((char)reader.ReadVarUInt32());
    }

    private sealed class StringCodec : IWireCodec<string?>
    {
        public void Write(WireWriter writer, string? value) => writer.WriteString(value);

        public string? Read(ref WireReader reader) => reader.ReadString();
    }

    private sealed class GuidCodec : IWireCodec<Guid>
    {
        public void Write(WireWriter writer, Guid value)
        {
            value.TryWriteBytes(writer.GetSpan(16), bigEndian: false, out _);
            writer.Advance(16);
        }

        public Guid Read(ref WireReader reader) => new(reader.ReadSpan(16), bigEndian: false);
    }

    private sealed class DateTimeCodec : IWireCodec<DateTime>
    {
        public void Write(WireWriter writer, DateTime value) => writer.WriteInt64LittleEndian(value.ToBinary());

        public DateTime Read(ref WireReader reader)
        {
            try
            {
                return System.DateTime.FromBinary(reader.ReadInt64LittleEndian());
            }
            catch (ArgumentException e)
            {
                throw new WireFormatException($"Invalid DateTime: {e.Message}");
            }
        }
    }

    private sealed class DateTimeOffsetCodec : IWireCodec<DateTimeOffset>
    {
        public void Write(WireWriter writer, DateTimeOffset value)
        {
            writer.WriteInt64LittleEndian(value.Ticks);
            writer.WriteVarInt64((long)value.Offset.TotalMinutes);
        }

        public DateTimeOffset Read(ref WireReader reader)
        {
            var ticks = reader.ReadInt64LittleEndian();
            var offsetMinutes = reader.ReadVarInt64();
            try
            {
                return new DateTimeOffset(ticks, System.TimeSpan.FromMinutes(offsetMinutes));
            }
            catch (ArgumentException e)
            {
                throw new WireFormatException($"Invalid DateTimeOffset: {e.Message}");
            }
        }
    }

    private sealed class TimeSpanCodec : IWireCodec<TimeSpan>
    {
        public void Write(WireWriter writer, TimeSpan value) => writer.WriteVarInt64(value.Ticks);

        public TimeSpan Read(ref WireReader reader) => new(reader.ReadVarInt64());
    }

    private sealed class UnitCodec : IWireCodec<Unit>
    {
        public void Write(WireWriter writer, Unit value)
        {
        }

        public Unit Read(ref WireReader reader) => default;
    }
}
