namespace AgentRL.Torch.Modules;

/// <summary>y = x Wᵀ + b, initialised like PyTorch's nn.Linear (uniform ±1/√in).</summary>
public sealed class Linear : Module
{
    public Linear(long inFeatures, long outFeatures, bool bias = true, Device? device = null)
    {
        var bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", Uniform([outFeatures, inFeatures], bound, device));
        Bias = bias ? RegisterParameter("bias", Uniform([outFeatures], bound, device)) : null;
    }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor input)
    {
        using var transposed = Weight.Transpose(0, 1);
        if (Bias is null)
        {
            return input.MatMul(transposed);
        }

        using var product = input.MatMul(transposed);
        return product.Add(Bias);
    }

    internal static Tensor Uniform(long[] shape, double bound, Device? device)
    {
        using var unit = Tensor.Rand(shape, DType.Float32, device);
        using var scaled = unit.Mul(2 * bound);
        return scaled.Sub(bound);
    }
}
