namespace AgentRL.Torch.Modules;

/// <summary>Zeroes elements with probability p in training mode (scaling the rest by 1/(1−p)); identity in eval mode.</summary>
public sealed class Dropout(double probability) : Module
{
    public double Probability { get; } = probability is >= 0 and < 1
        ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");

    public Tensor Forward(Tensor input) => input.Dropout(Probability, Training);
}
