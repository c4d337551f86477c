namespace AgentRL.Torch.Modules;

/// <summary>Root-mean-square normalisation over the last dimension with a learned gain (Llama's norm).</summary>
public sealed class RMSNorm : Module
{
    private readonly double _eps;

    public RMSNorm(long dimension, double eps = 1e-6, Device? device = null)
    {
        _eps = eps;
        Weight = RegisterParameter("weight", Tensor.Ones([dimension], DType.Float32, device));
    }

    public Parameter Weight { get; }

    public Tensor Forward(Tensor input) => input.RmsNorm(Weight, _eps);
}
