using System.Buffers.Binary;
using System.Text;
using AgentRL.Torch.Serialization;

namespace AgentRL.Torch.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"agentrl-{Guid.NewGuid():N}.safetensors");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void EveryDTypeRoundTripsExactly()
    {
        using var scope = DisposeScope.Begin();
        TorchRuntime.ManualSeed(2);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Tensor.Randn([3, 4]),
            ["f64"] = Tensor.Randn([2], DType.Float64),
            ["i64"] = Tensor.FromArray(new long[] { long.MinValue, -1, long.MaxValue }),
            ["i32"] = Tensor.FromArray(new[] { 7, -7 }),
            ["bool"] = Tensor.FromArray(new[] { true, false, true }),
            ["u8"] = Tensor.FromArray(new byte[] { 0, 255 }),
            ["scalar"] = Tensor.Full([], 3.5),
        };

        SafeTensors.Save(_path, tensors);
        var loaded = SafeTensors.Load(_path);

        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.DType, loaded[name].DType);
            Assert.Equal(tensor.Shape, loaded[name].Shape);
            Assert.Equal(tensor.ToBytes(), loaded[name].ToBytes());
            loaded[name].Dispose();
        }
    }

    [Fact]
    public void ATruncatedFileIsRejectedWithAClearMessage()
    {
        using (var tensor = Tensor.Ones([100]))
        {
            SafeTensors.Save(_path, new Dictionary<string, Tensor> { ["w"] = tensor });
        }

        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^50]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(_path));
        Assert.Contains("truncated file", error.Message);
        File.WriteAllBytes(_path, bytes[..5]);
        Assert.Contains("fewer than the 8-byte header length", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(_path)).Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "does not match its 8 bytes")]
    [InlineData("{\"w\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", "unsupported dtype 'Q4'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", "overlaps")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", "has no data_offsets")]
    [InlineData("[1,2]", "not a JSON object")]
    public void InconsistentHeadersAreRejected(string header, string expected)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        File.WriteAllBytes(_path, file);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(_path));

        Assert.Contains(expected, error.Message);
        Assert.Contains("is not a valid safetensors file", error.Message);
    }

    [Fact]
    public void AHugeClaimedHeaderLengthIsRejectedWithoutAllocating()
    {
        var file = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue / 2);
        File.WriteAllBytes(_path, file);

        Assert.Contains("the header claims", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(_path)).Message);
    }
}
