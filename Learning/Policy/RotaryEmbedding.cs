using AgentRL.Torch;
using AgentRL.Torch.Modules;

namespace AgentRL.Learning.Policy;

/// <summary>
/// Rotary position embedding ("rotate half" form): pairs (x_j, x_{j+d/2}) of a head turn by pos·θ^(−2j/d). Attention
/// then depends only on relative positions, which is what lets left-padded batches and KV caches share positions.
/// </summary>
internal sealed class RotaryEmbedding : Module
{
    private readonly Tensor _cos;
    private readonly Tensor _sin;
    private readonly int _half;

    public RotaryEmbedding(int headDimension, int maxPositions, double theta)
    {
        _half = headDimension / 2;
        var cos = new float[maxPositions * _half];
        var sin = new float[maxPositions * _half];
        for (var position = 0; position < maxPositions; position++)
        {
            for (var j = 0; j < _half; j++)
            {
                var angle = position * Math.Pow(theta, -2.0 * j / headDimension);
                cos[position * _half + j] = (float)Math.Cos(angle);
                sin[position * _half + j] = (float)Math.Sin(angle);
            }
        }

        _cos = RegisterBuffer(Tensor.FromArray(cos, maxPositions, _half));
        _sin = RegisterBuffer(Tensor.FromArray(sin, maxPositions, _half));
        MaxPositions = maxPositions;
    }

    public int MaxPositions { get; }

    /// <summary>Rotates x [B, H, L, d] whose tokens sit at positions start, start + 1, ...</summary>
    public Tensor Apply(Tensor x, int start)
    {
        var length = x.Shape[2];
        if (start + length > MaxPositions)
        {
            throw new ArgumentException($"Positions up to {start + length} exceed the model's maximum sequence length {MaxPositions}.");
        }

        using var scope = DisposeScope.Begin();
        var cos = _cos.Narrow(0, start, length);
        var sin = _sin.Narrow(0, start, length);
        var first = x.Narrow(-1, 0, _half);
        var second = x.Narrow(-1, _half, _half);
        return Tensor.Cat([first * cos - second * sin, first * sin + second * cos], -1).MoveToOuterScope();
    }
}
