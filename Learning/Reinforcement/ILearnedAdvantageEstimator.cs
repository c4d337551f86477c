using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// An advantage estimator with a model of its own that learns from every update's rollouts before it scores them
/// (OPRL's implicit process reward model; a critic). The learner keeps one for the whole run, calls
/// <see cref="Learn"/> once per update before <see cref="IAdvantageEstimator.Estimate"/>, and saves it with each
/// checkpoint so a resumed run continues with the same model.
/// </summary>
public interface ILearnedAdvantageEstimator : IAdvantageEstimator, IDisposable
{
    /// <summary>Learns from one update's groups (each one task's rollouts) and returns its diagnostics by name.</summary>
    IReadOnlyDictionary<string, double> Learn(IReadOnlyList<IReadOnlyList<Trajectory>> groups);

    /// <summary>Writes the estimator's model and optimiser state into <paramref name="folder"/>.</summary>
    void Save(string folder, BpeTokenizer tokenizer);
}
