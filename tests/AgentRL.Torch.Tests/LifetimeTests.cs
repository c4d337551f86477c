using System.Diagnostics;

namespace AgentRL.Torch.Tests;

public sealed class LifetimeTests
{
    [Fact]
    public void TenThousandCreateComputeDisposeIterationsLeaveNoTensorsAndFlatMemory()
    {
        void Iteration()
        {
            using var scope = DisposeScope.Begin();
            var a = Tensor.Randn([64, 64]);
            var b = Tensor.Randn([64, 64]);
            var c = (a.MatMul(b) + 1).Relu().Softmax(1).Sum();
            _ = c.Item();
        }

        for (var i = 0; i < 500; i++)
        {
            Iteration();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var liveBefore = TorchRuntime.LiveTensors;
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;

        for (var i = 0; i < 10_000; i++)
        {
            Iteration();
        }

        Assert.Equal(liveBefore, TorchRuntime.LiveTensors);
        var growth = Process.GetCurrentProcess().WorkingSet64 - memoryBefore;
        Assert.True(growth < 64L * 1024 * 1024, $"the working set grew by {growth / (1024 * 1024)} MB");
    }

    [Fact]
    public void AScopeFreesWhatItCreatedExceptWhatMovesOut()
    {
        var live = TorchRuntime.LiveTensors;
        Tensor kept;
        Tensor freed;
        using (DisposeScope.Begin())
        {
            freed = Tensor.Ones([3]);
            kept = (freed * 2).MoveToOuterScope();
        }

        Assert.True(freed.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Equal([2f, 2, 2], kept.ToArray<float>());
        Assert.Equal(live + 1, TorchRuntime.LiveTensors);
        kept.Dispose();
        Assert.Equal(live, TorchRuntime.LiveTensors);
        Assert.Throws<ObjectDisposedException>(() => kept.Sum());
    }

    [Fact]
    public void NestedScopesHandTensorsOutward()
    {
        Tensor result;
        using (var outer = DisposeScope.Begin())
        {
            using (DisposeScope.Begin())
            {
                result = Tensor.Ones([2]).Add(1).MoveToOuterScope();
            }

            Assert.Equal(1, outer.Count);
            Assert.False(result.IsDisposed);
        }

        Assert.True(result.IsDisposed);
    }

    [Fact]
    public void NoGradStopsRecordingAndRestoresTheMode()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones([2]);
        x.RequiresGrad = true;

        using (new NoGrad())
        {
            Assert.False((x * 2).RequiresGrad);
        }

        Assert.True((x * 2).RequiresGrad);
        Assert.False((x * 2).Detach().RequiresGrad);
    }

    [Fact]
    public void GeneratorsAreIndependentSeededStreams()
    {
        float[] Sample(ulong seed, bool disturbDefault)
        {
            using var scope = DisposeScope.Begin();
            using var generator = new Generator(seed);
            var first = Tensor.Randn([8], generator: generator);
            if (disturbDefault)
            {
                TorchRuntime.ManualSeed(99);
                _ = Tensor.Randn([100]);
            }

            return Tensor.Cat([first, Tensor.Rand([8], generator: generator)]).ToArray<float>();
        }

        Assert.Equal(Sample(5, disturbDefault: false), Sample(5, disturbDefault: true));
        Assert.NotEqual(Sample(5, disturbDefault: false), Sample(6, disturbDefault: false));
    }

    [Fact]
    public void SeededRunsAreBitIdentical()
    {
        float[] Run()
        {
            using var scope = DisposeScope.Begin();
            TorchRuntime.ManualSeed(1234);
            var x = Tensor.Randn([16, 16]);
            var y = Tensor.Rand([16, 16]);
            return (x.MatMul(y).Dropout(0.1, training: true) + Tensor.Randn([16])).ToArray<float>();
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
    }
}
