using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// OPRL (shared/ALGORITHMS.md): turn-level credit from a learned implicit process reward model, for any environment.
/// Each update first trains the reward model on the update's (success, failure) pairs, then scores every turn with it,
/// rescales the batch's step rewards by 1 / (max |r| + ε) and gives turn t of rollout i
/// A = A^E_i + w·A^S_t: A^E by leave-one-out over the group's episode scores, A^S by leave-one-out over all the
/// group's step rewards. Training the model first means the rewards already reflect this batch's outcomes.
/// </summary>
public sealed class OprlAdvantageEstimator(ImplicitProcessRewardModel rewardModel, OprlOptions options) : ILearnedAdvantageEstimator
{
    public const double Epsilon = 1e-6;

    private readonly Dictionary<Trajectory, double[]> _stepRewards = new(ReferenceEqualityComparer.Instance);

    public string Name => AdvantageEstimators.Oprl;

    public IReadOnlyDictionary<string, double> Learn(IReadOnlyList<IReadOnlyList<Trajectory>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var update = rewardModel.Update(groups);
        var all = groups.SelectMany(g => g).ToList();
        var raw = rewardModel.StepRewards(all);
        var largest = raw.SelectMany(r => r).Select(Math.Abs).DefaultIfEmpty(0).Max();
        _stepRewards.Clear();
        for (var i = 0; i < all.Count; i++)
        {
            _stepRewards[all[i]] = raw[i].Select(r => r / (largest + Epsilon)).ToArray();
        }

        return new Dictionary<string, double>
        {
            ["prm_pairs"] = update.Pairs,
            ["prm_loss"] = update.Loss,
            ["prm_pair_accuracy"] = update.PairAccuracy,
            ["prm_step_reward_max"] = largest,
        };
    }

    public IReadOnlyList<double[]> Estimate(IReadOnlyList<Trajectory> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rewards = group.Select(t => _stepRewards.TryGetValue(t, out var r)
            ? r
            : throw new InvalidOperationException("OPRL scores only rollouts it has learned from: pass the update's groups to Learn first.")).ToList();
        return Advantages(group, rewards, options.StepWeight);
    }

    /// <summary>A = A^E + w·A^S for every turn of every rollout of one group, given its (rescaled) step rewards.</summary>
    public static IReadOnlyList<double[]> Advantages(IReadOnlyList<Trajectory> group, IReadOnlyList<double[]> stepRewards, double stepWeight)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(stepRewards);
        if (group.Count != stepRewards.Count || group.Where((t, i) => t.Turns.Count != stepRewards[i].Length).Any())
        {
            throw new ArgumentException("Each rollout needs one step reward per turn.", nameof(stepRewards));
        }

        var episode = GroupBaselines.LeaveOneOut(group.Select(t => t.Score).ToList());
        var steps = GroupBaselines.LeaveOneOut(stepRewards.SelectMany(r => r).ToList());
        var next = 0;
        return group.Select((t, i) => stepRewards[i].Select(_ => episode[i] + stepWeight * steps[next++]).ToArray()).ToList();
    }

    public void Save(string folder, BpeTokenizer tokenizer) => rewardModel.Save(folder, tokenizer);

    public void Dispose() => rewardModel.Dispose();
}
