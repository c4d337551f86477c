using AgentRL.Runtime.Serialization;

namespace AgentRL.Runtime.Tests.Serialization;

public sealed class WireFormatTests
{
    private static T RoundTrip<T>(IWireCodec<T> codec, T value)
    {
        using var writer = new WireWriter(4);
        codec.Write(writer, value);
        var reader = new WireReader(writer.WrittenSpan);
        var back = codec.Read(ref reader);
        reader.EnsureFullyRead();
        return back;
    }

    [Fact]
    public void ScalarsRoundTripAtTheirExtremes()
    {
        Assert.Equal(long.MinValue, RoundTrip(WireCodecs.Int64, long.MinValue));
        Assert.Equal(ulong.MaxValue, RoundTrip(WireCodecs.UInt64, ulong.MaxValue));
        Assert.Equal(int.MinValue, RoundTrip(WireCodecs.Int32, int.MinValue));
        Assert.Equal(short.MinValue, RoundTrip(WireCodecs.Int16, short.MinValue));
        Assert.Equal(decimal.MinValue, RoundTrip(WireCodecs.Decimal, decimal.MinValue));
        Assert.Equal(0.1m, RoundTrip(WireCodecs.Decimal, 0.1m));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(RoundTrip(WireCodecs.Double, -0.0)));
        Assert.Equal('\uffff', RoundTrip(WireCodecs.Char, '\uffff'));
        Assert.Equal("ünïcødé 🎲", RoundTrip(WireCodecs.String, "ünïcødé 🎲"));
        Assert.Null(RoundTrip(WireCodecs.String, null));
        Assert.Equal("", RoundTrip(WireCodecs.String, ""));
        var guid = Guid.NewGuid();
        Assert.Equal(guid, RoundTrip(WireCodecs.Guid, guid));
    }

    [Fact]
    public void SmallIntegersTakeOneByte()
    {
        using var writer = new WireWriter();
        writer.WriteVarInt32(-1);
        writer.WriteVarInt32(63);
        Assert.Equal(2, writer.Length);
    }

    [Fact]
    public void NumericArraysTravelAsRawBytes()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i * 0.25f).ToArray();
        using var writer = new WireWriter();
        UnmanagedArrayCodec<float>.Instance.Write(writer, values);

        Assert.Equal(2 + 4 * values.Length, writer.Length);
        Assert.Equal(values, RoundTrip(UnmanagedArrayCodec<float>.Instance, values));
        Assert.Null(RoundTrip(UnmanagedArrayCodec<long>.Instance, null));
        Assert.Empty(RoundTrip(UnmanagedArrayCodec<long>.Instance, [])!);
    }

    [Fact]
    public void TruncatedInputThrowsWireFormatException()
    {
        using var writer = new WireWriter();
        WireCodecs.String.Write(writer, "hello world");
        var bytes = writer.ToArray()[..5];

        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes);
            return WireCodecs.String.Read(ref reader);
        });
    }

    [Fact]
    public void ACorruptCountCannotForceAHugeAllocation()
    {
        using var writer = new WireWriter();
        writer.WriteVarUInt32(int.MaxValue);
        var bytes = writer.ToArray();

        var error = Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes);
            return new ListCodec<int>(WireCodecs.Int32).Read(ref reader);
        });
        Assert.Contains("Unexpected end of data", error.Message);
        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes);
            return reader.ReadUnmanagedArray<double>();
        });
    }

    [Fact]
    public void InvalidUtf8AndOverlongVarintsAreRejected()
    {
        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(new byte[] { 3, 0xC3, 0x28 });
            return reader.ReadString();
        });
        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(Enumerable.Repeat((byte)0xFF, 11).ToArray());
            return reader.ReadVarUInt64();
        });
    }

    [Fact]
    public void DictionariesRejectDuplicateKeys()
    {
        using var writer = new WireWriter();
        writer.WriteVarUInt32(3);
        writer.WriteString("a");
        writer.WriteVarInt32(1);
        writer.WriteString("a");
        writer.WriteVarInt32(2);
        var bytes = writer.ToArray();

        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(bytes);
            return new DictionaryCodec<Dictionary<string, int>, string, int>(WireCodecs.String!, WireCodecs.Int32).Read(ref reader);
        });
    }

    [Fact]
    public void ExceptionsOutsideTheAllowListArriveAsRemoteGrainException()
    {
        using var writer = new WireWriter();
        RemoteExceptions.Write(writer, new ApplicationException("custom failure"));
        RemoteExceptions.Write(writer, new ArgumentOutOfRangeException("n", "too big"));
        var reader = new WireReader(writer.WrittenSpan);

        var unknown = Assert.IsType<RemoteGrainException>(RemoteExceptions.Read(ref reader));
        var known = Assert.IsType<ArgumentOutOfRangeException>(RemoteExceptions.Read(ref reader));

        Assert.Equal("System.ApplicationException", unknown.OriginalTypeName);
        Assert.Equal("custom failure", unknown.OriginalMessage);
        Assert.Contains("too big", known.Message);
    }
}
