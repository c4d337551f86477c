using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentRL.Runtime.Serialization;

/// <summary>
/// Appends the binary wire format to a pooled, growable buffer. Integers are LEB128 varints (signed ones zig-zag
/// encoded), floating-point numbers and raw numeric arrays are little-endian bytes, strings are UTF-8 with a
/// length prefix. Not thread-safe: one writer per message being built.
/// </summary>
public sealed class WireWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    public WireWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _position;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _position = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public Span<byte> GetSpan(int sizeHint)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_position);
    }

    public void Advance(int count) => _position += count;

    public void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value;
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteVarUInt64(ulong value)
    {
        EnsureCapacity(10);
        var buffer = _buffer;
        var position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        _position = position;
    }

    public void WriteVarUInt32(uint value) => WriteVarUInt64(value);

    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteVarInt32(int value) => WriteVarInt64(value);

    public void WriteUInt32LittleEndian(uint value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    public void WriteInt64LittleEndian(long value)
    {
        EnsureCapacity(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    public void WriteSingle(float value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    public void WriteDouble(double value)
    {
        EnsureCapacity(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>Writes a string: varint 0 for null, otherwise varint (byte length + 1) and the UTF-8 bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt32((uint)byteCount + 1);
        EnsureCapacity(byteCount);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    /// <summary>Writes an array of numbers as its raw little-endian bytes, prefixed with (count + 1), 0 for null.</summary>
    public void WriteUnmanagedArray<T>(T[]? values) where T : unmanaged
    {
        if (values is null)
        {
            WriteByte(0);
            return;
        }

        WriteVarUInt32((uint)values.Length + 1);
        WriteBytes(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Overwrites four bytes at <paramref name="offset"/> (used for length prefixes).</summary>
    public void PatchUInt32LittleEndian(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(offset, 4), value);

    private void EnsureCapacity(int additional)
    {
        if (_buffer.Length - _position >= additional)
        {
            return;
        }

        var required = checked(_position + additional);
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(required, _buffer.Length * 2));
        _buffer.AsSpan(0, _position).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
