using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// SpannerSampling in a training run: from one state, draw N actions from the policy and keep the k whose features span
/// feature space (<see cref="SpannerSelection"/>), to give a group's k rollouts different first actions. When the samples
/// hold fewer than k distinct actions, the chosen ones repeat in order. The chosen actions are not samples of the policy,
/// so rollouts record them as forced turns.
/// </summary>
public static class SpanningProposals
{
    public static IReadOnlyList<GeneratedSequence> Choose(PolicyModel model, int[] prompt, SamplingOptions sampling, int candidates, int count, DeterministicRandom random, ActionFeatures features)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var distinct = PolicySampler.Generate(model, Enumerable.Repeat(prompt, candidates).ToList(), sampling, random)
            .Where(g => g.Tokens.Length > 0)
            .DistinctBy(g => string.Join(',', g.Tokens))
            .ToList();
        if (distinct.Count == 0)
        {
            throw new InvalidOperationException($"None of the {candidates} samples had a token.");
        }

        var chosen = SpannerSelection.Select(features.Compute(distinct.Select(_ => prompt).ToList(), distinct.Select(g => g.Tokens).ToList()), count);
        return Enumerable.Range(0, count).Select(i => distinct[chosen[i % chosen.Count]]).ToList();
    }
}
