using AgentRL.Torch.Modules;
using AgentRL.Torch.Optim;

namespace AgentRL.Torch.Tests;

/// <summary>
/// Choosing a device and moving modules. Without a GPU the moves are exercised through the in-place data swap they
/// rest on; with one (a CUDA build of the shim), a module's outputs on the GPU are checked against the CPU's.
/// </summary>
public sealed class DeviceTests
{
    [Fact]
    public void AutoPicksTheGpuWhenThereIsOneAndMissingDevicesFailAtOnce()
    {
        Assert.Equal(TorchRuntime.DefaultDevice, Device.Resolve(" Auto "));
        Assert.Equal(Device.Cpu, Device.Resolve("cpu"));
        Assert.Throws<FormatException>(() => Device.Resolve("gpu"));
        var missing = Device.Cuda(TorchRuntime.CudaDeviceCount);
        var error = Assert.Throws<InvalidOperationException>(() => Device.Resolve(missing.ToString()));
        Assert.Contains($"libtorch sees {TorchRuntime.CudaDeviceCount}", error.Message);
        if (!TorchRuntime.CudaAvailable)
        {
            Assert.Equal(Device.Cpu, Device.Resolve("auto"));
            Assert.Throws<InvalidOperationException>(() => Device.Resolve("cuda"));
        }
    }

    [Fact]
    public void HostArraysLandOnTheDeviceAsked()
    {
        using var scope = DisposeScope.Begin();
        var tokens = Tensor.FromArray(new long[] { 1, 2, 3, 4, 5, 6 }, Device.Cpu, 2, 3);
        var mask = Tensor.FromArray(new[] { true, false }, TorchRuntime.DefaultDevice, 2);
        var values = Tensor.FromArray(new[] { 0.5f, -1f }, TorchRuntime.DefaultDevice, 2, 1);

        Assert.Equal([2L, 3L], tokens.Shape);
        Assert.Equal(DType.Int64, tokens.DType);
        Assert.Equal(TorchRuntime.DefaultDevice, mask.Device);
        Assert.Equal([true, false], mask.ToArray<bool>());
        Assert.Equal([0.5f, -1f], values.ToArray<float>());
    }

    [Fact]
    public void SwappingAParametersDataKeepsTheParameterTrainable()
    {
        using var linear = new Linear(3, 2);
        var weight = linear.Weight;
        using var replacement = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3);

        weight.SetData(replacement);

        // The same object (what optimisers and callers hold), now with the new data and still a trainable leaf.
        Assert.Same(weight, linear.StateDict()["weight"]);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], weight.ToArray<float>());
        Assert.True(weight.RequiresGrad);
        using var optimizer = new AdamW(linear.Parameters(), learningRate: 0.1, weightDecay: 0);
        using (DisposeScope.Begin())
        {
            var output = linear.Forward(Tensor.Ones([1, 3]));
            output.Sum().Backward();
        }

        optimizer.Step();
        Assert.All(weight.ToArray<float>().Zip(new[] { 1f, 2f, 3f, 4f, 5f, 6f }), p => Assert.Equal(p.Second - 0.1f, p.First, 4));
    }

    [Fact]
    public void MovingAModuleKeepsItsParametersAndTheirValues()
    {
        using var linear = new Linear(4, 3);
        var before = linear.StateDict().ToDictionary(p => p.Key, p => (Parameter: p.Value, Values: p.Value.ToArray<float>()));
        using var input = Tensor.Randn([2, 4]);
        float[] expected;
        using (DisposeScope.Begin())
        {
            expected = linear.Forward(input).ToArray<float>();
        }

        Assert.Same(linear, linear.To(TorchRuntime.DefaultDevice));

        foreach (var (name, parameter) in linear.StateDict())
        {
            Assert.Same(before[name].Parameter, parameter);
            Assert.Equal(TorchRuntime.DefaultDevice, parameter.Device);
            Assert.Equal(before[name].Values, parameter.ToArray<float>());
        }

        using var scope = DisposeScope.Begin();
        var output = linear.Forward(input.To(TorchRuntime.DefaultDevice)).ToArray<float>();
        Assert.All(output.Zip(expected), p => Assert.Equal(p.Second, p.First, 4));
    }
}
