namespace AgentRL.Learning.Reinforcement.Ppo;

/// <summary>Settings of PPO's learned value baseline (<see cref="ValueBaselineAdvantageEstimator"/>).</summary>
public sealed record ValueBaselineOptions
{
    /// <summary>γ between turns.</summary>
    public double Discount { get; init; } = 1.0;

    /// <summary>GAE's λ: 1 gives Monte-Carlo returns minus the baseline, 0 one-step TD errors.</summary>
    public double Lambda { get; init; } = 0.95;

    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Passes of value regression over each update's turns.</summary>
    public int EpochsPerUpdate { get; init; } = 2;

    /// <summary>Padded tokens per critic mini-batch.</summary>
    public int TokenBudget { get; init; } = 16384;

    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Whether an update's advantages are centred and scaled to unit spread (PPO's usual practice).</summary>
    public bool NormaliseAdvantages { get; init; } = true;

    public void Validate()
    {
        if (Discount is < 0 or > 1 || Lambda is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Discount), "γ and λ must be in [0, 1].");
        }

        if (LearningRate <= 0 || EpochsPerUpdate < 1 || TokenBudget < 1 || ClipNorm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), "The learning rate, epochs, token budget and clip norm must be positive.");
        }
    }
}
