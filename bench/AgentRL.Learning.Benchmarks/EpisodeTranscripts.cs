using System.Globalization;
using AgentRL.Environments;
using AgentRL.Environments.Generation;
using AgentRL.Learning.Rollout;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// Prints what a policy saw and wrote, turn by turn: the end of each turn's context (what decided the action) and the
/// action decoded. Reading a few is how a base model's failure is diagnosed before any RL is spent on it.
/// </summary>
internal static class EpisodeTranscripts
{
    /// <summary>Plays the first <paramref name="count"/> validation tasks (sampling at the runner's settings) and prints them.</summary>
    public static void PrintValidation(EpisodeRunner runner, Func<IEnvironment> environment, int count, BpeTokenizer tokenizer, int contextChars)
    {
        var episodes = environment().Splits.TaskIds(TaskSplit.Validation).Take(count).Select(t => (environment(), t, 0)).ToList();
        foreach (var trajectory in runner.Run(episodes, new DeterministicRandom(7)))
        {
            Print(trajectory, tokenizer, contextChars, $"task {trajectory.TaskId}");
        }
    }

    public static void Print(Trajectory trajectory, BpeTokenizer tokenizer, int contextChars, string title, int maxTurns = 24)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"--- {title}: {(trajectory.Success ? "solved" : "failed")}, score {trajectory.Score:0.###}, {trajectory.Turns.Count} turns"));
        foreach (var turn in trajectory.Turns.Take(maxTurns))
        {
            var context = tokenizer.Decode(turn.ContextTokens).Replace('\n', ' ');
            Console.WriteLine($"{context[Math.Max(0, context.Length - contextChars)..]}  => {tokenizer.Decode(turn.ActionTokens)}");
        }
    }
}
