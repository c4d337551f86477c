namespace AgentRL.Learning.Reinforcement.Archer;

/// <summary>ArCHer's settings (shared/ALGORITHMS.md "ArCHer"), scaled for the small presets on a CPU.</summary>
public sealed record ArcherOptions
{
    /// <summary>γ of the critic's TD targets.</summary>
    public double Discount { get; init; } = 0.95;

    /// <summary>τ of the target critic's Polyak averaging after every critic step.</summary>
    public double Polyak { get; init; } = 0.1;

    public int CriticStepsPerUpdate { get; init; } = 50;

    public int CriticBatchSize { get; init; } = 64;

    public double CriticLearningRate { get; init; } = 3e-4;

    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Utterance transitions the replay buffer holds; the oldest are overwritten first.</summary>
    public int BufferCapacity { get; init; } = 100_000;

    /// <summary>Updates during which only the critic learns (the actor gets zero advantages) while its values settle.</summary>
    public int WarmupUpdates { get; init; } = 2;

    /// <summary>
    /// Divide the update's advantages by their standard deviation, as PPO implementations do. Off by default, as in the
    /// paper: on the gridworld the critic's Q − V after the warm-up was mostly noise a few hundredths wide, and scaling
    /// it to unit size drove the policy away from the base (KL 1.9 in 7 iterations; rollout success 41% → 4%).
    /// </summary>
    public bool NormaliseAdvantages { get; init; }

    /// <summary>Padded tokens per forward pass when the critic scores a batch's turns.</summary>
    public int TokenBudget { get; init; } = 16384;

    /// <summary>Seeds the buffer sampling and the fresh actions of the V targets (with the update count, so resuming repeats them).</summary>
    public int Seed { get; init; } = 1;

    public void Validate()
    {
        if (Discount is < 0 or > 1 || Polyak is <= 0 or > 1)
        {
            throw new ArgumentException("ArCHer's discount must be in [0, 1] and its Polyak τ in (0, 1].");
        }

        if (CriticStepsPerUpdate < 1 || CriticBatchSize < 1 || CriticLearningRate <= 0 || ClipNorm <= 0 || BufferCapacity < 1 || WarmupUpdates < 0 || TokenBudget < 1)
        {
            throw new ArgumentException("ArCHer needs positive critic steps, batch size, learning rate, clip norm, buffer capacity and token budget, and no negative warm-up.");
        }
    }
}
