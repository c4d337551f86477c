namespace AgentRL.Torch.Tests;

public sealed class ErrorTests
{
    [Fact]
    public void AShapeErrorIsACSharpExceptionAndTheProcessCarriesOn()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Ones([2, 3]);
        var b = Tensor.Ones([4, 5]);

        var error = Assert.Throws<TorchException>(() => a.MatMul(b));

        Assert.Contains("cannot be multiplied", error.Message);
        Assert.Equal([3f, 3], a.MatMul(Tensor.Ones([3, 1])).Reshape(2).ToArray<float>());
    }

    [Fact]
    public void OtherLibtorchErrorsArriveWithTheirMessages()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([2, 3]);

        Assert.Throws<TorchException>(() => x.Reshape(7));
        Assert.Throws<TorchException>(() => x.Transpose(0, 5));
        Assert.Throws<TorchException>(() => Tensor.Embedding(x, Tensor.FromArray(new long[] { 9 })));
        Assert.Throws<TorchException>(() => Tensor.CrossEntropy(x, Tensor.FromArray(new long[] { 0 })));
        Assert.Throws<TorchException>(() => Tensor.Ones([2]).Backward());
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[] { 1, 2, 3 }, 2, 2));
    }

    [Fact]
    public void DevicesParseAndCudaIsReportedHonestly()
    {
        Assert.Equal(Device.Cpu, Device.Parse("CPU"));
        Assert.Equal(Device.Cuda(1), Device.Parse("cuda:1"));
        Assert.Throws<FormatException>(() => Device.Parse("tpu"));
        using var x = Tensor.Ones([1]);
        Assert.Equal(Device.Cpu, x.Device);
        if (!TorchRuntime.CudaAvailable)
        {
            Assert.Equal(Device.Cpu, TorchRuntime.DefaultDevice);
            Assert.Throws<TorchException>(() => x.To(Device.Cuda()));
        }
    }

    [Fact]
    public void TheBlasAlternativeIsNotTheReferenceImplementation()
    {
        // ./scripts/setup.sh installs OpenBLAS, which takes over libblas.so.3; the reference one is ~10x slower.
        if (TorchRuntime.BlasLibrary is { } blas)
        {
            Assert.False(TorchRuntime.UsesReferenceBlas, $"libblas.so.3 is {blas}");
        }
    }
}
