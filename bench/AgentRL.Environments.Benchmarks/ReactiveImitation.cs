using System.Text.RegularExpressions;
using AgentRL.Environments.Generation;
using AgentRL.Environments.Gridworld;

namespace AgentRL.Environments.Benchmarks;

/// <summary>
/// How well a policy that sees only the current observation could imitate the gridworld's expert, if it read the view
/// perfectly. It tabulates the expert's actions per observation over training tasks, with the view reduced to what
/// decides the mission (the mission's objects, named TARGET and OTHER, the goal, and whatever blocks the way), then
/// plays validation tasks by sampling from that table. The expert plans with the whole map, so where the target is out
/// of view its turns look random from the agent's side; this measures what that costs a reactive clone, apart from
/// how hard the view is to read.
/// </summary>
internal static partial class ReactiveImitation
{
    public sealed record Result(
        double ExpertSuccess, double ExpertSteps, double EntropyNats, double ImitatorSuccess, double ImitatorSteps, double UnseenShare);

    public static Result Run(GridworldOptions options, int demonstrations, int validationTasks)
    {
        var environment = new GridworldEnvironment(options);
        var table = new Dictionary<string, Dictionary<string, int>>();
        var (successes, steps, turns) = (0, 0L, 0);
        foreach (var task in options.Splits.TaskIds(TaskSplit.Train).Take(demonstrations))
        {
            var step = environment.Reset(task);
            while (!step.Done)
            {
                var action = environment.ExpertAction() ?? throw new InvalidOperationException($"The expert gave up on task {task}.");
                var situation = Anonymise(step.Observation, environment.Level.Mission);
                if (!table.TryGetValue(situation, out var actions))
                {
                    table[situation] = actions = [];
                }

                actions[action] = actions.GetValueOrDefault(action) + 1;
                turns++;
                step = environment.Step(action);
            }

            successes += step.Info.Success ? 1 : 0;
            steps += step.Info.StepCount;
        }

        var (imitated, imitatedSteps, unseen, played) = (0, 0L, 0, 0);
        var random = new DeterministicRandom(7);
        var everyAction = environment.ValidActions()!;
        foreach (var task in options.Splits.TaskIds(TaskSplit.Validation).Take(validationTasks))
        {
            var step = environment.Reset(task);
            while (!step.Done)
            {
                played++;
                string action;
                if (table.TryGetValue(Anonymise(step.Observation, environment.Level.Mission), out var actions))
                {
                    action = Sample(actions, random);
                }
                else
                {
                    unseen++;
                    action = everyAction[random.Next(everyAction.Count)];
                }

                step = environment.Step(action);
            }

            imitated += step.Info.Success ? 1 : 0;
            imitatedSteps += step.Info.StepCount;
        }

        var count = Math.Min(demonstrations, options.Splits.TrainCount);
        var validated = Math.Min(validationTasks, options.Splits.ValidationCount);
        return new Result((double)successes / count, (double)steps / count, Entropy(table.Values, turns),
            (double)imitated / validated, (double)imitatedSteps / validated, (double)unseen / played);
    }

    private static string Sample(Dictionary<string, int> actions, DeterministicRandom random)
    {
        var pick = random.Next(actions.Values.Sum());
        foreach (var (action, count) in actions)
        {
            if ((pick -= count) < 0)
            {
                return action;
            }
        }

        throw new InvalidOperationException("unreachable: the draw is below the total");
    }

    /// <summary>H(action | observation) in nats, each observation weighted by how often the expert met it.</summary>
    private static double Entropy(IEnumerable<Dictionary<string, int>> situations, int turns) =>
        situations.Sum(actions =>
        {
            var visits = actions.Values.Sum();
            return actions.Values.Sum(c => -c * Math.Log((double)c / visits));
        }) / turns;

    private static string Anonymise(string observation, Mission mission)
    {
        var text = FeedbackLines().Replace(observation, "");
        text = text.Replace(mission.Target.Describe(), "TARGET", StringComparison.Ordinal);
        text = mission.Other == Tile.Floor ? text : text.Replace(mission.Other.Describe(), "OTHER", StringComparison.Ordinal);
        // Of the other things in view, only what blocks the way ahead decides anything; the rest would make almost every
        // observation unique to one task.
        return SeenList().Replace(text, m => "You see: " + string.Join("; ", m.Groups[1].Value.TrimEnd('.').Split("; ")
            .Where(item => item.Contains("TARGET", StringComparison.Ordinal) || item.Contains("OTHER", StringComparison.Ordinal) ||
                           item.Contains("goal", StringComparison.Ordinal) || item.EndsWith(" 1 step forward", StringComparison.Ordinal))) + ".");
    }

    [GeneratedRegex(@"You see: (.*)")]
    private static partial Regex SeenList();

    // The lines before "Mission:" say what the last action did; the expert acts on the state, not on them.
    [GeneratedRegex(@"\A(?:(?!Mission:).*\n)+")]
    private static partial Regex FeedbackLines();
}
