namespace AgentRL.Torch.Modules;

/// <summary>Layer normalisation over the last dimension with learned gain and bias.</summary>
public sealed class LayerNorm : Module
{
    private readonly double _eps;

    public LayerNorm(long dimension, double eps = 1e-5, Device? device = null)
    {
        _eps = eps;
        Weight = RegisterParameter("weight", Tensor.Ones([dimension], DType.Float32, device));
        Bias = RegisterParameter("bias", Tensor.Zeros([dimension], DType.Float32, device));
    }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor Forward(Tensor input) => input.LayerNorm(Weight, Bias, _eps);
}
