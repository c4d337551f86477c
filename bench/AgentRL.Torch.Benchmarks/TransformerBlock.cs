using AgentRL.Torch.Modules;

namespace AgentRL.Torch.Benchmarks;

/// <summary>
/// A Llama-style block (pre-norm RMSNorm, causal multi-head attention, SwiGLU MLP, residuals). peer_block.py defines
/// the same block in PyTorch; keep the two identical.
/// </summary>
internal sealed class TransformerBlock : Module
{
    private readonly int _heads;

    public TransformerBlock(int dimension, int heads, int hidden)
    {
        _heads = heads;
        AttentionNorm = RegisterModule("attention_norm", new RMSNorm(dimension));
        Query = RegisterModule("query", new Linear(dimension, dimension, bias: false));
        Key = RegisterModule("key", new Linear(dimension, dimension, bias: false));
        Value = RegisterModule("value", new Linear(dimension, dimension, bias: false));
        Output = RegisterModule("output", new Linear(dimension, dimension, bias: false));
        MlpNorm = RegisterModule("mlp_norm", new RMSNorm(dimension));
        Gate = RegisterModule("gate", new Linear(dimension, hidden, bias: false));
        Up = RegisterModule("up", new Linear(dimension, hidden, bias: false));
        Down = RegisterModule("down", new Linear(hidden, dimension, bias: false));
    }

    private RMSNorm AttentionNorm { get; }

    private Linear Query { get; }

    private Linear Key { get; }

    private Linear Value { get; }

    private Linear Output { get; }

    private RMSNorm MlpNorm { get; }

    private Linear Gate { get; }

    private Linear Up { get; }

    private Linear Down { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var (batch, length, dimension) = (x.Shape[0], x.Shape[1], x.Shape[2]);
        var normed = AttentionNorm.Forward(x);
        Tensor Heads(Tensor t) => t.Reshape(batch, length, _heads, dimension / _heads).Transpose(1, 2);
        var attended = Tensor.Attention(Heads(Query.Forward(normed)), Heads(Key.Forward(normed)), Heads(Value.Forward(normed)), causal: true);
        var merged = attended.Transpose(1, 2).Reshape(batch, length, dimension);
        var h = x + Output.Forward(merged);
        var m = MlpNorm.Forward(h);
        var result = h + Down.Forward(Gate.Forward(m).Silu() * Up.Forward(m));
        return result.MoveToOuterScope();
    }
}
