namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// One training step of the implicit process reward model: how many (success, failure) pairs it saw, their mean
/// −log σ(score⁺ − score⁻), and the fraction it ranked right (ties count half) before the step, so the accuracy is
/// measured on rollouts the model had not trained on.
/// </summary>
public sealed record ProcessRewardUpdate(int Pairs, double Loss, double PairAccuracy);
