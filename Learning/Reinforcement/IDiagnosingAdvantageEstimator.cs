using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// An estimator that learns nothing but measures something about each update's rollouts worth watching (IGPO's
/// information gain per turn); the update reports it with the run's metrics, as it does a learned estimator's.
/// </summary>
public interface IDiagnosingAdvantageEstimator : IAdvantageEstimator
{
    IReadOnlyDictionary<string, double> Diagnose(IReadOnlyList<IReadOnlyList<Trajectory>> groups);
}
