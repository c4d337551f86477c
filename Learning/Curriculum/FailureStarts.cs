using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Exploration;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Curriculum;

/// <summary>
/// Starts episodes from states the policy itself passed through on its way to failing: the states its own mistakes lead
/// to, which demonstrations never show and a start reached only at the pace of whole episodes. A restart distribution on
/// the learner's side, as DAgger is on the imitation side. Each recorded failure is replayed from its reset (environments
/// are deterministic) to a turn drawn uniformly within its first <see cref="MaxDepth"/> turns, so a group started there
/// still has steps left (the step count carries on from the failure's); every failure gives one start at most. Plain
/// state, no grains.
/// </summary>
public sealed class FailureStarts
{
    private readonly List<Trajectory> _failures = [];

    /// <param name="maxDepth">The deepest turn a start is drawn from (a failed episode ran to its step limit, so a late
    /// state leaves its group few steps).</param>
    public FailureStarts(int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        MaxDepth = maxDepth;
    }

    public int MaxDepth { get; }

    /// <summary>The failures not yet used for a start.</summary>
    public int Count => _failures.Count;

    /// <summary>
    /// Replaces the failures kept with those of <paramref name="trajectories"/> (the newest policy's): episodes that failed
    /// after at least two turns, started from a reset (an episode started from a cell cannot be replayed from one).
    /// </summary>
    public void Record(IEnumerable<Trajectory> trajectories)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        _failures.Clear();
        _failures.AddRange(trajectories.Where(t => !t.Success && t.StartedFrom is null && t.Turns.Count >= 2));
    }

    /// <summary>
    /// Takes one kept failure at random and returns the state after a turn drawn uniformly from 1 to the smaller of
    /// <see cref="MaxDepth"/> and its turns less one, as a cell that <see cref="Rollout.EpisodeStart"/> restores; null when
    /// none is left. <paramref name="environment"/> is any environment of the failures' kind; it is left in that state.
    /// </summary>
    public ArchiveCell? Next(IEnvironment environment, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(random);
        if (_failures.Count == 0)
        {
            return null;
        }

        var index = random.Next(_failures.Count);
        var failure = _failures[index];
        _failures.RemoveAt(index);
        var depth = 1 + random.Next(Math.Min(MaxDepth, failure.Turns.Count - 1));
        var step = environment.Reset(failure.TaskId, failure.Seed);
        var returned = 0.0;
        foreach (var turn in failure.Turns.Take(depth))
        {
            step = environment.Step(turn.Action);
            returned += step.Reward;
            if (step.Observation != turn.Observation || step.Done)
            {
                throw new InvalidOperationException(
                    $"Replaying task {failure.TaskId} (seed {failure.Seed}) in {environment.Name} did not retrace the recorded failure: the environment is not deterministic, or the trajectory belongs to another environment or step limit.");
            }
        }

        return ArchiveCell.Of(new CellVisit(failure.TaskId, failure.Seed, environment.CellKey, returned, step.Info.StepCount, environment.Snapshot(), step.Observation));
    }
}
