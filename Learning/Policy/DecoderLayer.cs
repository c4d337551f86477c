using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Policy;

/// <summary>Pre-norm block: x + attention(RMSNorm(x)), then + SwiGLU(RMSNorm(x)).</summary>
internal sealed class DecoderLayer : Module
{
    private readonly int _heads;
    private readonly RMSNorm _attentionNorm;
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Linear _output;
    private readonly RMSNorm _mlpNorm;
    private readonly Linear _gate;
    private readonly Linear _up;
    private readonly Linear _down;

    public DecoderLayer(PolicyConfig config)
    {
        _heads = config.Heads;
        _attentionNorm = RegisterModule("attention_norm", new RMSNorm(config.Dimension, config.NormEps));
        _query = RegisterModule("query", new Linear(config.Dimension, config.Dimension, bias: false));
        _key = RegisterModule("key", new Linear(config.Dimension, config.Dimension, bias: false));
        _value = RegisterModule("value", new Linear(config.Dimension, config.Dimension, bias: false));
        _output = RegisterModule("output", new Linear(config.Dimension, config.Dimension, bias: false));
        _mlpNorm = RegisterModule("mlp_norm", new RMSNorm(config.Dimension, config.NormEps));
        _gate = RegisterModule("gate", new Linear(config.Dimension, config.Hidden, bias: false));
        _up = RegisterModule("up", new Linear(config.Dimension, config.Hidden, bias: false));
        _down = RegisterModule("down", new Linear(config.Hidden, config.Dimension, bias: false));
    }

    /// <param name="x">[B, L, D]: the new tokens' states.</param>
    /// <param name="start">The position of the first new token.</param>
    /// <param name="cache">Keys and values of earlier positions, extended in place; null for a full pass.</param>
    /// <param name="keyPadding">[B, 1, 1, T] true where a key is padding; null if none.</param>
    public Tensor Forward(Tensor x, RotaryEmbedding rotary, int start, KvCache? cache, int layer, Tensor? keyPadding)
    {
        using var scope = DisposeScope.Begin();
        var (batch, length, dimension) = (x.Shape[0], x.Shape[1], x.Shape[2]);
        Tensor Heads(Tensor t) => t.Reshape(batch, length, _heads, dimension / _heads).Transpose(1, 2);

        var normed = _attentionNorm.Forward(x);
        var query = rotary.Apply(Heads(_query.Forward(normed)), start);
        var key = rotary.Apply(Heads(_key.Forward(normed)), start);
        var value = Heads(_value.Forward(normed));
        if (cache is not null)
        {
            (key, value) = cache.Append(layer, key, value);
        }

        var attended = Tensor.Attention(query, key, value, causal: true, keyPadding);
        var h = x + _output.Forward(attended.Transpose(1, 2).Reshape(batch, length, dimension));
        var m = _mlpNorm.Forward(h);
        return (h + _down.Forward(_gate.Forward(m).Silu() * _up.Forward(m))).MoveToOuterScope();
    }
}
