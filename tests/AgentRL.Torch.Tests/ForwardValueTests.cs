namespace AgentRL.Torch.Tests;

/// <summary>Forward results against values computed by hand.</summary>
public sealed class ForwardValueTests
{
    private static double[] Values(Tensor tensor) => tensor.To(DType.Float64).ToArray<double>();

    [Fact]
    public void ArithmeticBroadcastsAndReduces()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var row = Tensor.FromArray(new float[] { 10, 20, 30 });

        Assert.Equal([11, 22, 33, 14, 25, 36], Values(a + row));
        Assert.Equal([21], Values(a.Sum()));
        Assert.Equal([6, 15], Values(a.Sum(1)));
        Assert.Equal([2.5, 3.5, 4.5], Values(a.Mean(0)));
        Assert.Equal([3, 6], Values(a.Max(1)));
        Assert.Equal([2, 2], Values(a.ArgMax(1).To(DType.Float64)));
        Assert.Equal([-1, 0, 1, 2, 3, 4], Values(a - 2));
        Assert.Equal([0.5, 1, 1.5, 2, 2.5, 3], Values(a / 2));
        Assert.Equal([1, 0.5, 1 / 3.0, 0.25, 0.2, 1 / 6.0], Values(1.0 / a.To(DType.Float64)));
    }

    [Fact]
    public void MatMulMatchesTheDefinition()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.FromArray(new double[] { 7, 8, 9, 10, 11, 12 }, 3, 2);

        Assert.Equal([58, 64, 139, 154], Values(a.MatMul(b)));
        Assert.Equal([2L, 2L], a.MatMul(b).Shape);
    }

    [Fact]
    public void SoftmaxAndLogSoftmax()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray(new double[] { 1, 2, 3 });
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);

        var softmax = Values(x.Softmax(0));
        Assert.Equal(Math.Exp(1) / z, softmax[0], 12);
        Assert.Equal(Math.Exp(3) / z, softmax[2], 12);
        Assert.Equal(3 - Math.Log(z), Values(x.LogSoftmax(0))[2], 12);
        Assert.Equal(Math.Log(z), x.LogSumExp(0).Item(), 12);
    }

    [Fact]
    public void NormsMatchTheirFormulas()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray(new double[] { 1, 2, 3 });

        // mean 2, variance 2/3: (x − 2) / sqrt(2/3 + eps)
        var layer = Values(x.LayerNorm(null, null, eps: 0));
        Assert.Equal(-1 / Math.Sqrt(2.0 / 3), layer[0], 12);
        Assert.Equal(0, layer[1], 12);
        // mean square 14/3: x / sqrt(14/3)
        var rms = Values(x.RmsNorm(Tensor.FromArray(new double[] { 1, 1, 2 }), eps: 0));
        Assert.Equal(3 * 2 / Math.Sqrt(14.0 / 3), rms[2], 12);
    }

    [Fact]
    public void CrossEntropySkipsIgnoredTargets()
    {
        using var scope = DisposeScope.Begin();
        var logits = Tensor.FromArray(new double[] { 0, 0, 0, 1, 2, 3 }, 2, 3);

        var both = Tensor.CrossEntropy(logits, Tensor.FromArray(new long[] { 0, 2 })).Item();
        var first = Tensor.CrossEntropy(logits, Tensor.FromArray(new long[] { 0, -100 })).Item();

        var secondLoss = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;
        Assert.Equal((Math.Log(3) + secondLoss) / 2, both, 12);
        Assert.Equal(Math.Log(3), first, 12);
    }

    [Fact]
    public void CausalAttentionSeesOnlyThePast()
    {
        using var scope = DisposeScope.Begin();
        // With equal scores, each query averages the values it may see: v0; (v0+v1)/2; (v0+v1+v2)/3.
        var q = Tensor.Zeros([1, 3, 2], DType.Float64);
        var k = Tensor.Zeros([1, 3, 2], DType.Float64);
        var v = Tensor.FromArray(new double[] { 3, 0, 6, 0, 9, 0 }, 1, 3, 2);

        var output = Values(Tensor.Attention(q, k, v, causal: true));
        var unmasked = Values(Tensor.Attention(q, k, v, causal: false));

        Assert.Equal([3, 0, 4.5, 0, 6, 0], output);
        Assert.Equal([6, 0, 6, 0, 6, 0], unmasked);
    }

    [Fact]
    public void KeyPaddingHidesKeysAndFullyPaddedRowsStayFinite()
    {
        using var scope = DisposeScope.Begin();
        var q = Tensor.Zeros([1, 3, 2], DType.Float64);
        var k = Tensor.Zeros([1, 3, 2], DType.Float64);
        var v = Tensor.FromArray(new double[] { 3, 0, 6, 0, 9, 0 }, 1, 3, 2);
        var padding = Tensor.FromArray(new[] { true, false, false }, 1, 1, 3);

        var output = Values(Tensor.Attention(q, k, v, causal: true, keyPadding: padding));

        // Row 0 sees only a padded key: finite (its output is ignored by callers); rows 1 and 2 skip key 0.
        Assert.All(output, x => Assert.True(double.IsFinite(x)));
        Assert.Equal([6, 0, 7.5, 0], output[2..]);
    }

    [Fact]
    public void EmbeddingGatherAndMasking()
    {
        using var scope = DisposeScope.Begin();
        var table = Tensor.FromArray(new double[] { 0, 1, 10, 11, 20, 21 }, 3, 2);

        Assert.Equal([20, 21, 0, 1], Values(Tensor.Embedding(table, Tensor.FromArray(new long[] { 2, 0 }))));
        Assert.Equal([1, 10, 21], Values(table.Gather(1, Tensor.FromArray(new long[] { 1, 0, 1 }, 3, 1))));
        Assert.Equal([-1, 1, -1, 11, -1, 21], Values(table.MaskedFill(Tensor.FromArray(new[] { true, false }), -1)));
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0, 0], Values(Tensor.Ones([3, 3], DType.Float64).Triu(1) * Tensor.FromArray(new double[] { 0, 0, 0, 0, 0, 1, 0, 0, 0 }, 3, 3)));
    }

    [Fact]
    public void DropoutZeroesAboutPAndRescalesTheRestInTrainingOnly()
    {
        using var scope = DisposeScope.Begin();
        TorchRuntime.ManualSeed(3);
        var ones = Tensor.Ones([10_000], DType.Float64);

        var dropped = Values(ones.Dropout(0.25, training: true));
        var kept = dropped.Count(v => v != 0);

        Assert.InRange(kept, 7_200, 7_800);
        Assert.All(dropped.Where(v => v != 0), v => Assert.Equal(1 / 0.75, v, 12));
        Assert.All(Values(ones.Dropout(0.25, training: false)), v => Assert.Equal(1, v));
    }

    [Fact]
    public void ConversionsKeepValues()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Arange(0, 5);

        Assert.Equal(DType.Int64, x.DType);
        Assert.Equal([0L, 1, 2, 3, 4], x.ToArray<long>());
        Assert.Equal([0f, 1, 2, 3, 4], x.To(DType.Float32).ToArray<float>());
        Assert.Equal([false, true, true, true, true], x.Gt(0.5).ToArray<bool>());
        Assert.Throws<InvalidOperationException>(() => x.ToArray<float>());
    }
}
