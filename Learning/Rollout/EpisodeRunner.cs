using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Rollout;

/// <summary>
/// The plain rollout loop (no grains): runs a batch of episodes in lockstep, one batched sampling call per turn for all
/// episodes still running, and records exact tokens and log-probs per turn. With a <paramref name="groundTruth"/> probe
/// (IGPO) every turn of an episode whose environment exposes a ground truth is then scored against it, in shared batches.
/// </summary>
public sealed class EpisodeRunner(PolicyModel model, ContextPolicy context, SamplingOptions sampling, GroundTruthProbe? groundTruth = null)
{
    /// <summary>Runs one episode per (environment, task, seed); the environments are used exclusively meanwhile.</summary>
    public IReadOnlyList<Trajectory> Run(IReadOnlyList<(IEnvironment Environment, int TaskId, int Seed)> episodes, DeterministicRandom random, int policyVersion = 0)
    {
        var options = sampling with
        {
            StopTokens = new HashSet<int>(sampling.StopTokens) { context.Tokenizer.Special.EndOfAction },
            PaddingToken = context.Tokenizer.Special.Padding,
        };
        var states = episodes.Select(e => new EpisodeState(e.Environment, e.TaskId, e.Seed, e.Environment.Reset(e.TaskId, e.Seed), e.Environment.CellKey, e.Environment.GroundTruth)).ToList();
        while (states.Any(s => !s.Done))
        {
            var active = states.Where(s => !s.Done).ToList();
            var observations = active.Select(s => context.Encode(s.LastStep.Observation)).ToList();
            var prompts = active.Select((s, i) => context.Build(s.History, observations[i])).ToList();
            var generated = PolicySampler.Generate(model, prompts, options, random);
            for (var i = 0; i < active.Count; i++)
            {
                var state = active[i];
                var actionTokens = generated[i].Tokens;
                var action = context.ActionText(actionTokens);
                var step = state.Environment.Step(action);
                state.Turns.Add(new Turn(prompts[i], actionTokens, generated[i].LogProbs, action, step.Observation, step.Reward, step.Info.Valid, state.Environment.CellKey));
                state.History.Add((observations[i], actionTokens));
                state.LastStep = step;
            }
        }

        var trajectories = states.Select(s => new Trajectory(s.Environment.Name, s.TaskId, s.Seed, s.Turns, s.LastStep.Info.Score, s.LastStep.Info.Success, policyVersion, s.StartCellKey, s.GroundTruth)).ToList();
        return groundTruth is null ? trajectories : groundTruth.Score(model, trajectories);
    }

    private sealed class EpisodeState(IEnvironment environment, int taskId, int seed, EnvironmentStep first, string startCellKey, string? groundTruth)
    {
        public string? GroundTruth { get; } = groundTruth;

        public string StartCellKey { get; } = startCellKey;

        public IEnvironment Environment { get; } = environment;

        public int TaskId { get; } = taskId;

        public int Seed { get; } = seed;

        public EnvironmentStep LastStep { get; set; } = first;

        public bool Done => LastStep.Done;

        public List<Turn> Turns { get; } = [];

        public List<(int[] Observation, int[] Action)> History { get; } = [];
    }
}
