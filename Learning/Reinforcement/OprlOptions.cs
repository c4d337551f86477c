namespace AgentRL.Learning.Reinforcement;

/// <summary>OPRL's settings (shared/ALGORITHMS.md "OPRL"); the learning rate is scaled for the small presets.</summary>
public sealed record OprlOptions
{
    /// <summary>β in r = β·(log π_φ(a|s) − log π_old(a|s)).</summary>
    public double Beta { get; init; } = 0.05;

    /// <summary>w in A = A^E + w·A^S.</summary>
    public double StepWeight { get; init; } = 1.0;

    /// <summary>The process reward model's AdamW rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>
    /// Optimiser steps the reward model takes on each update's pairs. Its rewards are relative to the policy that
    /// sampled, which moves every update, so one small step leaves it ranking pairs at chance.
    /// </summary>
    public int StepsPerUpdate { get; init; } = 1;

    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Padded tokens per forward pass when scoring or training the reward model.</summary>
    public int TokenBudget { get; init; } = 16384;

    /// <summary>The sampling temperature, so π_φ and the recorded π_old are compared at the same temperature.</summary>
    public double Temperature { get; init; } = 1.0;

    public void Validate()
    {
        if (Beta <= 0 || StepsPerUpdate < 1 || StepWeight < 0 || LearningRate <= 0 || ClipNorm <= 0 || TokenBudget < 1 || Temperature <= 0)
        {
            throw new ArgumentException("OPRL needs β, the learning rate, the steps per update, the clip norm, the token budget and the temperature positive, and the step weight not negative.");
        }
    }
}
