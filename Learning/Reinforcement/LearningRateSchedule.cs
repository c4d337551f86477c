namespace AgentRL.Learning.Reinforcement;

/// <summary>Linear warm-up to the peak, then cosine decay to <c>peak · minimumFraction</c> at <c>totalSteps</c>.</summary>
public sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps, double MinimumFraction = 0.1)
{
    public double At(int step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var progress = TotalSteps <= WarmupSteps ? 1.0 : Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        var floor = Peak * MinimumFraction;
        return floor + (Peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
