using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Exploration;

/// <summary>
/// Inference-time exploration in the manner of SpannerSampling ("Is a Good Foundation Necessary for Efficient RL?"):
/// keep up to k live branches of an episode; at every turn draw N candidate actions from the model at each branch, choose
/// the k (state, action) pairs whose features span feature space best (<see cref="SpannerSelection"/>), and spend
/// environment calls only on those. A branch that succeeds ends the search; failed or finished branches drop out. Model
/// samples and environment calls are counted apart: the base model's coverage bounds the first, the budget the second.
/// </summary>
public sealed class SpannerExplorer
{
    private readonly PolicyModel _model;
    private readonly ContextPolicy _context;
    private readonly SamplingOptions _sampling;
    private readonly ActionFeatures _features;
    private readonly SpannerOptions _options;

    public SpannerExplorer(PolicyModel model, ContextPolicy context, SamplingOptions sampling, ActionFeatures features, SpannerOptions? options = null)
    {
        (_model, _context, _features) = (model, context, features);
        _options = options ?? new SpannerOptions();
        _options.Validate();
        _sampling = sampling with
        {
            StopTokens = new HashSet<int>(sampling.StopTokens) { context.Tokenizer.Special.EndOfAction },
            PaddingToken = context.Tokenizer.Special.Padding,
        };
    }

    /// <summary>Searches task <paramref name="taskId"/> (with <paramref name="seed"/>) in <paramref name="environment"/>, which it uses exclusively meanwhile.</summary>
    public SpannerOutcome Explore(IEnvironment environment, int taskId, int seed, DeterministicRandom random) =>
        ExploreAsync(new LocalExplorationEnvironment(environment), taskId, seed, random, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="Explore"/>
    public async Task<SpannerOutcome> ExploreAsync(IExplorationEnvironment environment, int taskId, int seed, DeterministicRandom random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var first = await environment.ResetAsync(taskId, seed);
        var frontier = new List<Branch> { new(await environment.SnapshotAsync(), first.Observation, [], []) };
        var (oracleCalls, environmentCalls, bestScore) = (0L, 0L, 0.0);
        var (longest, turns) = (frontier[0], 0);
        for (var turn = 1; turn <= _options.MaxTurns && frontier.Count > 0; turn++)
        {
            turns = turn;
            cancellationToken.ThrowIfCancellationRequested();
            // N samples at every live branch, in one batch; a branch's duplicate actions are one candidate.
            var observations = frontier.Select(b => _context.Encode(b.Observation)).ToList();
            var prompts = frontier.Select((b, i) => _context.Build(b.History, observations[i])).ToList();
            var generated = PolicySampler.Generate(_model, prompts.SelectMany(p => Enumerable.Repeat(p, _options.Candidates)).ToList(), _sampling, random);
            oracleCalls += generated.Length;
            var candidates = generated.Select((g, i) => (Branch: i / _options.Candidates, g.Tokens))
                .Where(c => c.Tokens.Length > 0)
                .DistinctBy(c => (c.Branch, _context.ActionText(c.Tokens)))
                .ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var features = _features.Compute(candidates.Select(c => prompts[c.Branch]).ToList(), candidates.Select(c => c.Tokens).ToList());
            var next = new List<Branch>();
            foreach (var index in SpannerSelection.Select(features, _options.Branches, _options.Lambda))
            {
                var (b, tokens) = candidates[index];
                var parent = frontier[b];
                var action = _context.ActionText(tokens);
                await environment.RestoreAsync(parent.Snapshot);
                var step = await environment.StepAsync(action);
                environmentCalls++;
                bestScore = Math.Max(bestScore, step.Info.Score);
                var child = new Branch(step.Done ? [] : await environment.SnapshotAsync(), step.Observation, [.. parent.History, (observations[b], tokens)], [.. parent.Actions, action]);
                if (step.Info.Success)
                {
                    return new SpannerOutcome(true, bestScore, turn, oracleCalls, environmentCalls, child.Actions);
                }

                if (!step.Done)
                {
                    next.Add(child);
                    longest = child;
                }
            }

            frontier = next;
        }

        return new SpannerOutcome(false, bestScore, turns, oracleCalls, environmentCalls, longest.Actions);
    }

    private sealed record Branch(byte[] Snapshot, string Observation, List<(int[] Observation, int[] Action)> History, List<string> Actions);
}
