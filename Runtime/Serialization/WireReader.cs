using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentRL.Runtime.Serialization;

/// <summary>
/// Reads the format <see cref="WireWriter"/> writes. Every read is bounds-checked: truncated or corrupt input throws
/// <see cref="WireFormatException"/>, and no length read from the input can make it allocate more than the input
/// could hold.
/// </summary>
public ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data, IGrainReferenceFactory? references = null)
    {
        _data = data;
        _position = 0;
        References = references;
    }

    /// <summary>Turns grain keys read from the wire into references bound to the local runtime.</summary>
    public IGrainReferenceFactory? References { get; }

    /// <summary>
    /// True for input written before objects carried their member count (stored state of format 1): every object then
    /// holds exactly the members this build knows.
    /// </summary>
    public bool WithoutMemberCounts { get; init; }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Truncated(1);
        }

        return _data[_position++];
    }

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new WireFormatException($"Invalid boolean byte {b} at offset {_position - 1}."),
    };

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new WireFormatException($"Varint longer than 10 bytes at offset {_position}.");
    }

    public uint ReadVarUInt32()
    {
        var value = ReadVarUInt64();
        return value <= uint.MaxValue ? (uint)value : throw new WireFormatException($"Varint {value} does not fit 32 bits.");
    }

    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadVarInt32()
    {
        var value = ReadVarInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new WireFormatException($"Varint {value} does not fit 32 bits.");
    }

    public uint ReadUInt32LittleEndian() => BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4));

    public long ReadInt64LittleEndian() => BinaryPrimitives.ReadInt64LittleEndian(ReadSpan(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(ReadSpan(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadSpan(8));

    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw Truncated(length);
        }

        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    public string? ReadString()
    {
        var prefix = ReadVarUInt32();
        if (prefix == 0)
        {
            return null;
        }

        var bytes = ReadSpan(checked((int)(prefix - 1)));
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new WireFormatException($"Invalid UTF-8 in string: {e.Message}");
        }
    }

    public T[]? ReadUnmanagedArray<T>() where T : unmanaged
    {
        var prefix = ReadVarUInt32();
        if (prefix == 0)
        {
            return null;
        }

        var count = (long)prefix - 1;
        var size = (long)Marshal.SizeOf<T>();
        if (count * size > Remaining)
        {
            throw Truncated(count * size);
        }

        var result = GC.AllocateUninitializedArray<T>((int)count);
        ReadSpan((int)(count * size)).CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>
    /// Reads a collection count and checks it against the bytes left (each element takes at least one byte), so a
    /// corrupt count cannot trigger a huge allocation. Returns -1 for a null collection.
    /// </summary>
    public int ReadCollectionCount()
    {
        var prefix = ReadVarUInt32();
        if (prefix == 0)
        {
            return -1;
        }

        var count = prefix - 1;
        return count <= Remaining ? (int)count : throw Truncated(count);
    }

    /// <summary>
    /// Reads how many members an object of a [GenerateSerializer] type was written with. Fewer than
    /// <paramref name="known"/> means a build that had only the first ones wrote it (the rest take their defaults);
    /// more means a newer build did, whose extra members this one cannot place.
    /// </summary>
    public int ReadMemberCount(int known, string typeName)
    {
        if (WithoutMemberCounts)
        {
            return known;
        }

        var count = ReadVarUInt32();
        return count <= known
            ? (int)count
            : throw new WireFormatException($"{typeName} was written with {count} members; this build knows {known}, so a newer version wrote it.");
    }

    /// <summary>Fails unless every byte was consumed: trailing bytes mean the sender and receiver disagree.</summary>
    public readonly void EnsureFullyRead()
    {
        if (Remaining != 0)
        {
            throw new WireFormatException($"{Remaining} unexpected trailing bytes at offset {_position}.");
        }
    }

    private readonly WireFormatException Truncated(long needed) =>
        new($"Unexpected end of data: needed {needed} bytes at offset {_position}, {Remaining} left.");
}
