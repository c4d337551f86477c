using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;
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
    public IReadOnlyList<Trajectory> Run(IReadOnlyList<(IEnvironment Environment, int TaskId, int Seed)> episodes, DeterministicRandom random, int policyVersion = 0) =>
        Run(episodes.Select(e => new EpisodeStart(e.Environment, e.TaskId, e.Seed)).ToList(), random, policyVersion);

    /// <summary>
    /// Runs one episode per start (a task, or a Go-Explore archive cell to return to). An episode still running after
    /// <paramref name="maxTurns"/> turns ends there as a failure (score 0). With <paramref name="visits"/>, each episode's
    /// non-terminal states (its start too, when it began from a reset) are added to it as archive visits, one list per
    /// episode in order: their return so far, step count, snapshot and observation. With <paramref name="stallTurns"/>, an
    /// episode whose environment reports a goal distance (<see cref="IGoalDistance"/>) and has not come closer to the goal
    /// than ever before for that many turns also ends there as a failure: training need not play out a loop to the limit.
    /// </summary>
    public IReadOnlyList<Trajectory> Run(IReadOnlyList<EpisodeStart> episodes, DeterministicRandom random, int policyVersion, int maxTurns = int.MaxValue, List<IReadOnlyList<CellVisit>>? visits = null, int stallTurns = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTurns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stallTurns, 1);
        var options = sampling with
        {
            StopTokens = new HashSet<int>(sampling.StopTokens) { context.Tokenizer.Special.EndOfAction },
            PaddingToken = context.Tokenizer.Special.Padding,
        };
        var states = episodes.Select(e => new EpisodeState(e, e.Begin(), visits is not null)).ToList();
        while (states.Any(s => s.Running(maxTurns, stallTurns)))
        {
            var active = states.Where(s => s.Running(maxTurns, stallTurns)).ToList();
            var observations = active.Select(s => context.Encode(s.LastStep.Observation)).ToList();
            var prompts = active.Select((s, i) => context.Build(s.History, observations[i])).ToList();
            var generated = PolicySampler.Generate(model, prompts, options, random);
            for (var i = 0; i < active.Count; i++)
            {
                var state = active[i];
                var actionTokens = generated[i].Tokens;
                var action = context.ActionText(actionTokens);
                var step = state.Environment.Step(action);
                state.Turns.Add(new Turn(prompts[i], actionTokens, generated[i].LogProbs, action, step.Observation, step.Reward, step.Info.Valid, state.Environment.CellKey, Progress: state.MeasureProgress()));
                state.History.Add((observations[i], actionTokens));
                state.Advance(step);
            }
        }

        visits?.AddRange(states.Select(s => s.Visits));
        var trajectories = states.Select(s => s.ToTrajectory(policyVersion)).ToList();
        return groundTruth is null ? trajectories : groundTruth.Score(model, trajectories);
    }

    private sealed class EpisodeState
    {
        private readonly EpisodeStart _start;
        private readonly List<CellVisit>? _visits;
        private readonly GoalProgress _progress;
        private double _return;

        public EpisodeState(EpisodeStart start, EnvironmentStep first, bool recordVisits)
        {
            _start = start;
            LastStep = first;
            StartCellKey = start.Environment.CellKey;
            GroundTruth = start.Environment.GroundTruth;
            _return = start.From?.Score ?? 0;
            _progress = new GoalProgress((start.Environment as IGoalDistance)?.GoalDistance);
            _visits = recordVisits ? [] : null;
            if (start.From is null)
            {
                Visit();
            }
        }

        public IEnvironment Environment => _start.Environment;

        public string StartCellKey { get; }

        public string? GroundTruth { get; }

        public EnvironmentStep LastStep { get; private set; }

        public List<Turn> Turns { get; } = [];

        public List<(int[] Observation, int[] Action)> History { get; } = [];

        public IReadOnlyList<CellVisit> Visits => _visits ?? [];

        public bool Running(int maxTurns, int stallTurns) => !LastStep.Done && Turns.Count < maxTurns && !_progress.Stalled(stallTurns);

        /// <summary>How many steps closer to the goal the last step brought the environment (0 where it gives no distance).</summary>
        public double MeasureProgress() => _progress.Record((Environment as IGoalDistance)?.GoalDistance);

        public void Advance(EnvironmentStep step)
        {
            LastStep = step;
            _return += step.Reward;
            if (!step.Done)
            {
                Visit();
            }
        }

        public Trajectory ToTrajectory(int policyVersion)
        {
            var (taskId, seed) = _start.From is { } cell ? (cell.TaskId, cell.Seed) : (_start.TaskId, _start.Seed);
            var finished = LastStep.Done;
            return new Trajectory(Environment.Name, taskId, seed, Turns, finished ? LastStep.Info.Score : 0, finished && LastStep.Info.Success, policyVersion,
                StartCellKey, GroundTruth, StartedFrom: _start.From?.Key);
        }

        private void Visit()
        {
            var (taskId, seed) = _start.From is { } cell ? (cell.TaskId, cell.Seed) : (_start.TaskId, _start.Seed);
            _visits?.Add(new CellVisit(taskId, seed, Environment.CellKey, _return, LastStep.Info.StepCount, Environment.Snapshot(), LastStep.Observation));
        }
    }
}
