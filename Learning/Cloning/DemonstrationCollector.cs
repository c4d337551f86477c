using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Cloning;

/// <summary>
/// Plays the scripted expert on training tasks of any environment and records (context, action) pairs through the same
/// <see cref="ContextPolicy"/> the policy uses. <c>actionNoise</c> is the coverage knob: with that probability the
/// demonstrated (and executed) action is a random valid one instead of the expert's, so the base model learns to make
/// the same kind of mistakes. <c>recoveryNoise</c> perturbs the episode without teaching the mistake: with that
/// probability a random valid action is executed while the demonstration records the expert's, so the data shows
/// how the expert recovers from states it would never have reached itself (DART-style).
/// </summary>
public static class DemonstrationCollector
{
    public static List<Demonstration> Collect(
        IEnvironment environment, ContextPolicy context, int episodes, double actionNoise, DeterministicRandom random, TaskSplit split = TaskSplit.Train, double recoveryNoise = 0, Func<string, string>? spelling = null)
    {
        spelling ??= static action => action;
        if (actionNoise is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(actionNoise), actionNoise, "Action noise is a probability.");
        }

        if (recoveryNoise is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(recoveryNoise), recoveryNoise, "Recovery noise is a probability.");
        }

        var taskIds = environment.Splits.TaskIds(split).ToList();
        var demonstrations = new List<Demonstration>();
        for (var episode = 0; episode < episodes; episode++)
        {
            var taskId = taskIds[episode % taskIds.Count];
            var step = environment.Reset(taskId, seed: episode / taskIds.Count);
            var history = new List<(int[] Observation, int[] Action)>();
            while (!step.Done)
            {
                var observation = context.Encode(step.Observation);
                var action = environment.ExpertAction() ?? throw new InvalidOperationException($"The {environment.Name} expert has no action for a running episode.");
                var executed = action;
                if (actionNoise > 0 && random.NextDouble() < actionNoise && environment.ValidActions() is { Count: > 0 } valid)
                {
                    action = executed = valid[random.Next(valid.Count)];
                }
                else if (recoveryNoise > 0 && random.NextDouble() < recoveryNoise && environment.ValidActions() is { Count: > 0 } options)
                {
                    executed = options[random.Next(options.Count)];
                }

                demonstrations.Add(new Demonstration(context.Build(history, observation), context.EncodeAction(spelling(action))));
                history.Add((observation, context.EncodeAction(spelling(executed))));
                step = environment.Step(executed);
            }
        }

        return demonstrations;
    }

    /// <summary>The observation and action texts of expert episodes: the corpus to train a tokenizer on.</summary>
    public static IEnumerable<string> Corpus(IEnvironment environment, int episodes, TaskSplit split = TaskSplit.Train)
    {
        var taskIds = environment.Splits.TaskIds(split).ToList();
        for (var episode = 0; episode < episodes; episode++)
        {
            var step = environment.Reset(taskIds[episode % taskIds.Count]);
            yield return step.Observation;
            while (!step.Done && environment.ExpertAction() is { } action)
            {
                yield return action;
                step = environment.Step(action);
                yield return step.Observation;
            }
        }
    }
}
