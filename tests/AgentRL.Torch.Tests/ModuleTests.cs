using AgentRL.Torch.Modules;
using AgentRL.Torch.Optim;
using AgentRL.Torch.Serialization;

namespace AgentRL.Torch.Tests;

public sealed class ModuleTests
{
    private sealed class TinyNetwork : Module
    {
        public TinyNetwork()
        {
            Embedding = RegisterModule("embedding", new Embedding(10, 8));
            Norm = RegisterModule("norm", new RMSNorm(8));
            Output = RegisterModule("output", new Linear(8, 4));
            LayerNorm = RegisterModule("layer_norm", new LayerNorm(4));
            Dropout = RegisterModule("dropout", new Dropout(0.5));
        }

        public Embedding Embedding { get; }

        public RMSNorm Norm { get; }

        public Linear Output { get; }

        public LayerNorm LayerNorm { get; }

        public Dropout Dropout { get; }

        public Tensor Forward(Tensor tokens)
        {
            using var scope = DisposeScope.Begin();
            return LayerNorm.Forward(Dropout.Forward(Output.Forward(Norm.Forward(Embedding.Forward(tokens))))).MoveToOuterScope();
        }
    }

    [Fact]
    public void ParametersHaveDottedNamesInRegistrationOrder()
    {
        using var network = new TinyNetwork();

        Assert.Equal(["embedding.weight", "norm.weight", "output.weight", "output.bias", "layer_norm.weight", "layer_norm.bias"], network.NamedParameters().Select(p => p.Name));
        Assert.Equal(80 + 8 + 32 + 4 + 4 + 4, network.ParameterCount);
        Assert.All(network.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void LinearComputesXWTransposePlusB()
    {
        using var linear = new Linear(2, 1);
        using (var weight = Tensor.FromArray(new float[] { 2, 3 }, 1, 2))
        using (var bias = Tensor.FromArray(new float[] { 0.5f }))
        {
            linear.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = weight, ["bias"] = bias });
        }

        using var input = Tensor.FromArray(new float[] { 1, 1, 2, -1 }, 2, 2);
        using var output = linear.Forward(input);

        Assert.Equal([5.5f, 1.5f], output.ToArray<float>());
    }

    [Fact]
    public void ACheckpointRoundTripGivesIdenticalOutputs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentrl-{Guid.NewGuid():N}.safetensors");
        try
        {
            TorchRuntime.ManualSeed(5);
            using var original = new TinyNetwork();
            original.Eval();
            SafeTensors.Save(path, original.StateDict(), new Dictionary<string, string> { ["step"] = "12" });

            TorchRuntime.ManualSeed(6);
            using var restored = new TinyNetwork();
            restored.Eval();
            var loaded = SafeTensors.Load(path);
            restored.LoadStateDict(loaded);
            foreach (var tensor in loaded.Values)
            {
                tensor.Dispose();
            }

            using var tokens = Tensor.FromArray(new long[] { 1, 5, 9, 0 }, 2, 2);
            using var a = original.Forward(tokens);
            using var b = restored.Forward(tokens);
            Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
            Assert.Equal("12", SafeTensors.ReadMetadata(path)["step"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMismatchedStateIsRejectedAndChangesNothing()
    {
        using var linear = new Linear(2, 2);
        var before = linear.Weight.ToArray<float>();
        using var wrongShape = Tensor.Ones([3, 2]);
        using var bias = Tensor.Ones([2]);

        var error = Assert.Throws<InvalidDataException>(() => linear.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = wrongShape, ["bias"] = bias, ["extra"] = bias }));

        Assert.Contains("'weight' is Float32[3, 2], expected Float32[2, 2]", error.Message);
        Assert.Contains("unexpected 'extra'", error.Message);
        Assert.Equal(before, linear.Weight.ToArray<float>());
    }

    [Fact]
    public void AdamWFirstStepMatchesTheUpdateRuleByHand()
    {
        using var network = new Linear(1, 1, bias: false);
        using (var start = Tensor.FromArray(new float[] { 2 }, 1, 1))
        {
            network.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = start });
        }

        using var optimizer = new AdamW(network.Parameters(), learningRate: 0.1, weightDecay: 0.5);
        using var input = Tensor.FromArray(new float[] { 3 }, 1, 1);
        using (var output = network.Forward(input))
        using (var loss = output.Sum())
        {
            loss.Backward();
        }

        optimizer.Step();

        // Decoupled decay, then the bias-corrected step: m̂ = g, v̂ = g², so the update is lr · g / (|g| + eps).
        var expected = 2 * (1 - 0.1 * 0.5) - 0.1 * 3 / (3 + 1e-8);
        Assert.Equal(expected, network.Weight.ToArray<float>()[0], 5);
        optimizer.LearningRate = 0.01;
        Assert.Equal(0.01, optimizer.LearningRate);
    }

    [Fact]
    public void TrainingALinearModelReducesItsLoss()
    {
        TorchRuntime.ManualSeed(7);
        using var model = new Linear(4, 1);
        using var optimizer = new AdamW(model.Parameters(), learningRate: 0.05, weightDecay: 0);
        using var x = Tensor.Randn([64, 4]);
        using var trueWeights = Tensor.FromArray(new float[] { 1, -2, 0.5f, 3 }, 4, 1);
        using var y = x.MatMul(trueWeights);

        double Loss()
        {
            using var scope = DisposeScope.Begin();
            return (model.Forward(x) - y).Square().Mean().Item();
        }

        var initial = Loss();
        for (var step = 0; step < 300; step++)
        {
            using var scope = DisposeScope.Begin();
            optimizer.ZeroGrad();
            (model.Forward(x) - y).Square().Mean().Backward();
            optimizer.Step();
        }

        Assert.True(Loss() < initial / 100, $"loss {Loss()} from {initial}");
    }

    [Fact]
    public void GradientClippingScalesToTheMaximumNorm()
    {
        using var linear = new Linear(2, 1, bias: false);
        using (var input = Tensor.FromArray(new float[] { 3, 4 }, 1, 2))
        using (var output = linear.Forward(input))
        using (var loss = output.Sum())
        {
            loss.Backward();
        }

        var norm = Gradients.ClipNorm(linear.Parameters(), 1.0);

        Assert.Equal(5, norm, 5);
        using var grad = linear.Weight.Grad!;
        var clipped = grad.ToArray<float>();
        Assert.Equal(0.6, clipped[0], 4);
        Assert.Equal(0.8, clipped[1], 4);
    }
}
