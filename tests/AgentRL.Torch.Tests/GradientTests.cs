namespace AgentRL.Torch.Tests;

/// <summary>Every differentiable operation's gradient against central finite differences (float64).</summary>
public sealed class GradientTests
{
    private static readonly double[] Any = GradientChecker.Values(6, seed: 1);
    private static readonly double[] Other = GradientChecker.Values(6, seed: 2);
    private static readonly double[] Positive = GradientChecker.Values(6, 0.5, 2, seed: 3);

    public static TheoryData<string> UnaryOps => ["neg", "exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "relu", "silu", "gelu", "abs", "sin", "cos", "square"];

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOperations(string op)
    {
        var input = op is "log" or "sqrt" or "rsqrt" ? Positive : Any;
        GradientChecker.Check(t => op switch
        {
            "neg" => t[0].Neg(),
            "exp" => t[0].Exp(),
            "log" => t[0].Log(),
            "sqrt" => t[0].Sqrt(),
            "rsqrt" => t[0].Rsqrt(),
            "tanh" => t[0].Tanh(),
            "sigmoid" => t[0].Sigmoid(),
            "relu" => t[0].Relu(),
            "silu" => t[0].Silu(),
            "gelu" => t[0].Gelu(),
            "abs" => t[0].Abs(),
            "sin" => t[0].Sin(),
            "cos" => t[0].Cos(),
            _ => t[0].Square(),
        }, input);
    }

    public static TheoryData<string> BinaryOps => ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "broadcast"];

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryOperations(string op)
    {
        if (op == "broadcast")
        {
            GradientChecker.Check(t => t[0] * t[1], [Any, Other[..3]], [[2, 3], [3]]);
            return;
        }

        GradientChecker.Check(t => op switch
        {
            "add" => t[0] + t[1],
            "sub" => t[0] - t[1],
            "mul" => t[0] * t[1],
            "div" => t[0] / t[1],
            "pow" => t[0].Pow(t[1]),
            "maximum" => t[0].Maximum(t[1]),
            _ => t[0].Minimum(t[1]),
        }, op is "div" or "pow" ? Positive : Any, op == "div" ? Positive.Reverse().ToArray() : Other);
    }

    [Fact]
    public void ScalarOperations()
    {
        GradientChecker.Check(t => (t[0] + 2) * 3 - 1, Any);
        GradientChecker.Check(t => (2 - t[0]) / 4, Any);
        GradientChecker.Check(t => 1.5 / t[0], Positive);
        GradientChecker.Check(t => t[0].Pow(3), Any);
        GradientChecker.Check(t => t[0].Clamp(-0.5, 0.5), Any);
    }

    [Fact]
    public void MatrixProducts()
    {
        GradientChecker.Check(t => t[0].MatMul(t[1]), [GradientChecker.Values(6, seed: 4), GradientChecker.Values(12, seed: 5)], [[2, 3], [3, 4]]);
        GradientChecker.Check(t => t[0].Bmm(t[1]), [GradientChecker.Values(12, seed: 6), GradientChecker.Values(12, seed: 7)], [[2, 2, 3], [2, 3, 2]]);
    }

    [Fact]
    public void Reductions()
    {
        long[][] shape = [[2, 3]];
        GradientChecker.Check(t => t[0].Sum(), [Any], shape);
        GradientChecker.Check(t => t[0].Sum([1], keepDim: true), [Any], shape);
        GradientChecker.Check(t => t[0].Mean(0), [Any], shape);
        GradientChecker.Check(t => t[0].Max(1), [Any], shape);
        GradientChecker.Check(t => t[0].Min(), [Any], shape);
        GradientChecker.Check(t => t[0].LogSumExp(1), [Any], shape);
    }

    [Fact]
    public void ShapeAndIndexingOperations()
    {
        long[][] shape = [[2, 3]];
        GradientChecker.Check(t => t[0].Reshape(3, 2), [Any], shape);
        GradientChecker.Check(t => t[0].Transpose(0, 1).Contiguous(), [Any], shape);
        GradientChecker.Check(t => t[0].Permute(1, 0), [Any], shape);
        GradientChecker.Check(t => t[0].Narrow(1, 1, 2), [Any], shape);
        GradientChecker.Check(t => t[0].Unsqueeze(0).Expand(4, 2, 3), [Any], shape);
        GradientChecker.Check(t => t[0].Unsqueeze(2).Squeeze(2), [Any], shape);
        GradientChecker.Check(t => Tensor.Cat([t[0], t[1]], 1), [Any, Other], [[2, 3], [2, 3]]);
        GradientChecker.Check(t => Tensor.Stack([t[0], t[1]], 0), [Any, Other], [[2, 3], [2, 3]]);
        GradientChecker.Check(t => t[0].IndexSelect(1, Tensor.FromArray(new long[] { 2, 0, 2 })), [Any], shape);
        GradientChecker.Check(t => t[0].Gather(1, Tensor.FromArray(new long[] { 0, 2, 1, 1 }, 2, 2)), [Any], shape);
        GradientChecker.Check(t => t[0].Scatter(1, Tensor.FromArray(new long[] { 2, 0 }, 2, 1), t[1]), [Any, Other[..2]], [[2, 3], [2, 1]]);
        GradientChecker.Check(t => t[0].MaskedFill(Tensor.FromArray(new[] { true, false, true, false, false, true }, 2, 3), 0.25), [Any], shape);
        GradientChecker.Check(t => t[0].Where(Tensor.FromArray(new[] { true, false, true, false, false, true }, 2, 3), t[1]), [Any, Other], [[2, 3], [2, 3]]);
    }

    [Fact]
    public void NeuralNetworkOperations()
    {
        long[][] shape = [[2, 3]];
        GradientChecker.Check(t => t[0].Softmax(1), [Any], shape);
        GradientChecker.Check(t => t[0].LogSoftmax(1), [Any], shape);
        GradientChecker.Check(t => t[0].LayerNorm(t[1], t[2]), [Any, Positive[..3], Other[..3]], [[2, 3], [3], [3]]);
        GradientChecker.Check(t => t[0].RmsNorm(t[1]), [Any, Positive[..3]], [[2, 3], [3]]);
        GradientChecker.Check(t => Tensor.Embedding(t[0], Tensor.FromArray(new long[] { 2, 0, 2 })), [Any], [[3, 2]]);
        GradientChecker.Check(t => t[0].Dropout(0.5, training: false), [Any], shape);
        GradientChecker.Check(t => Tensor.CrossEntropy(t[0], Tensor.FromArray(new long[] { 2, 0 })), [Any], shape);
        GradientChecker.Check(t => Tensor.CrossEntropy(t[0], Tensor.FromArray(new long[] { 2, -100 }), reduction: Reduction.Sum), [Any], shape);
        GradientChecker.Check(t => Tensor.NllLoss(t[0].LogSoftmax(1), Tensor.FromArray(new long[] { 1, 1 })), [Any], shape);
    }

    [Fact]
    public void TheCheckerRejectsAWrongGradient()
    {
        // x · detach(x) has true derivative 2x but autograd sees only x: the check must fail.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradientChecker.Check(t => t[0] * t[0].Detach(), Any));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScaledDotProductAttention(bool causal)
    {
        var q = GradientChecker.Values(12, seed: 8);
        var k = GradientChecker.Values(12, seed: 9);
        var v = GradientChecker.Values(12, seed: 10);
        GradientChecker.Check(t => Tensor.Attention(t[0], t[1], t[2], causal), [q, k, v], [[1, 3, 4], [1, 3, 4], [1, 3, 4]]);
    }
}
