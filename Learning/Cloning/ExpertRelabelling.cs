using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Cloning;

/// <summary>
/// DAgger's labels: the expert's action in every state the policy itself reached. Each trajectory is replayed in a fresh
/// episode of its task and seed (environments are deterministic), the expert is asked at each turn, and the turn's
/// context, exactly as the policy saw it, is paired with the expert's action. Cloning on these teaches what to do in
/// the states the policy's own mistakes lead to, which demonstrations of the expert never visit.
/// </summary>
public static class ExpertRelabelling
{
    public static List<Demonstration> Relabel(
        IEnvironment environment, IEnumerable<Trajectory> trajectories, ContextPolicy context, Func<string, string>? spelling = null, double labelNoise = 0, DeterministicRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(context);
        if (labelNoise is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelNoise), labelNoise, "Label noise is a probability.");
        }

        if (labelNoise > 0 && random is null)
        {
            throw new ArgumentNullException(nameof(random), "Label noise needs a random source.");
        }

        spelling ??= static action => action;
        var labelled = new List<Demonstration>();
        foreach (var trajectory in trajectories)
        {
            if (trajectory.StartedFrom is not null)
            {
                throw new ArgumentException($"An episode that started from archive cell {trajectory.StartedFrom} cannot be replayed from a reset.", nameof(trajectories));
            }

            var step = environment.Reset(trajectory.TaskId, trajectory.Seed);
            foreach (var turn in trajectory.Turns)
            {
                var action = environment.ExpertAction() ?? throw new InvalidOperationException($"The {environment.Name} expert has no action in a state of task {trajectory.TaskId} that the policy reached.");
                if (labelNoise > 0 && random!.NextDouble() < labelNoise && environment.ValidActions() is { Count: > 0 } valid)
                {
                    action = valid[random.Next(valid.Count)];
                }

                labelled.Add(new Demonstration(turn.ContextTokens, context.EncodeAction(spelling(action))));
                step = environment.Step(turn.Action);
                if (step.Observation != turn.Observation)
                {
                    throw new InvalidOperationException(
                        $"Replaying task {trajectory.TaskId} (seed {trajectory.Seed}) in {environment.Name} gave another observation than the episode recorded: the environment is not deterministic, or the trajectory belongs to another environment.");
                }

                if (step.Done)
                {
                    break;
                }
            }
        }

        return labelled;
    }
}
