namespace AgentRL.Torch.Modules;

/// <summary>A lookup table of vectors, initialised from N(0, 1) as in PyTorch.</summary>
public sealed class Embedding : Module
{
    public Embedding(long count, long dimension, Device? device = null)
    {
        Weight = RegisterParameter("weight", Tensor.Randn([count, dimension], DType.Float32, device));
    }

    public Parameter Weight { get; }

    public Tensor Forward(Tensor indices) => Tensor.Embedding(Weight, indices);
}
