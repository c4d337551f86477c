using AgentRL.Environments;
using AgentRL.Learning.Policy;
using AgentRL.Learning.Tokenization;
using AgentRL.Learning.Trajectories;

namespace AgentRL.Learning.Reinforcement;

/// <summary>
/// Hindsight relabelling (as HER and HIGhER do for goals and instructions): where the environment says an episode reached
/// a goal its task did not ask for (<see cref="IHindsightRelabeller"/>), the turns up to it are rewritten as that task's
/// success (every context's tokens of the stated goal replaced by the reached one's) and join the update with a positive
/// advantage. The original episode keeps its own advantages, so the two differ only in the goal's words, the contrast
/// meant to teach that those words decide the action (on the gridworld it did not lift GRPO's plateau: README,
/// Benchmarks). The rewritten turns' log-probs are the current policy's under the new
/// contexts, so PPO's ratio starts at 1 and the clip bounds how far one update moves toward them.
/// </summary>
public sealed class HindsightRelabelling
{
    private readonly IHindsightRelabeller _relabeller;
    private readonly PolicyModel _model;
    private readonly BpeTokenizer _tokenizer;
    private readonly double _advantage;

    /// <param name="advantage">Each rewritten turn's advantage per point of the reached goal's score.</param>
    public HindsightRelabelling(IHindsightRelabeller relabeller, PolicyModel model, BpeTokenizer tokenizer, double advantage)
    {
        ArgumentNullException.ThrowIfNull(relabeller);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (!(advantage > 0 && double.IsFinite(advantage)))
        {
            throw new ArgumentOutOfRangeException(nameof(advantage), advantage, "A hindsight advantage must be positive.");
        }

        (_relabeller, _model, _tokenizer, _advantage) = (relabeller, model, tokenizer, advantage);
    }

    /// <summary>The name under which <see cref="GroupedUpdate"/> reports how many episodes an update relabelled.</summary>
    public const string RelabelledDiagnostic = "relabelled";

    /// <summary>The rewritten episodes and their turn advantages. Episodes started part-way (their step counts are not their turns') and those with forced turns are left alone.</summary>
    public (IReadOnlyList<Trajectory> Trajectories, IReadOnlyList<double[]> Advantages) Relabel(IReadOnlyList<Trajectory> trajectories)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var rewritten = new List<(Trajectory Original, HindsightGoal Goal, int[][] Contexts)>();
        foreach (var trajectory in trajectories)
        {
            if (trajectory.StartedFrom is not null || trajectory.Turns.Any(t => t.Forced) ||
                _relabeller.Relabel(trajectory.Turns.Select(t => t.Observation).ToList()) is not { } goal)
            {
                continue;
            }

            if (goal.LastTurn < 0 || goal.LastTurn >= trajectory.Turns.Count)
            {
                throw new InvalidOperationException($"The relabeller named turn {goal.LastTurn} of an episode with {trajectory.Turns.Count}.");
            }

            var (find, replace) = (_tokenizer.Encode(goal.Find), _tokenizer.Encode(goal.Replace));
            var contexts = trajectory.Turns.Take(goal.LastTurn + 1).Select(t => ReplaceAll(t.ContextTokens, find, replace)).OfType<int[]>().ToArray();
            // A context that never shows the goal's tokens would train the reached goal's actions under the stated one.
            if (contexts.Length == goal.LastTurn + 1)
            {
                rewritten.Add((trajectory, goal, contexts));
            }
        }

        if (rewritten.Count == 0)
        {
            return ([], []);
        }

        var turns = rewritten.SelectMany(r => r.Original.Turns.Take(r.Goal.LastTurn + 1).Zip(r.Contexts, (turn, context) => (Turn: turn, Context: context))).ToList();
        var scores = TeacherForcing.Score(_model, turns.Select(t => t.Context).ToList(), turns.Select(t => t.Turn.ActionTokens).ToList(), paddingToken: _tokenizer.Special.Padding);
        var (trajectoriesOut, advantages, next) = (new List<Trajectory>(), new List<double[]>(), 0);
        foreach (var (original, goal, contexts) in rewritten)
        {
            var relabelled = contexts.Select((context, t) => original.Turns[t] with
            {
                ContextTokens = context,
                ActionLogProbs = scores[next + t].LogProbs,
                Observation = original.Turns[t].Observation.Replace(goal.Find, goal.Replace, StringComparison.Ordinal),
                Reward = t == goal.LastTurn ? goal.Score : 0,
            }).ToList();
            next += contexts.Length;
            trajectoriesOut.Add(original with { Turns = relabelled, Score = goal.Score, Success = true });
            advantages.Add(Enumerable.Repeat(_advantage * goal.Score, relabelled.Count).ToArray());
        }

        return (trajectoriesOut, advantages);
    }

    /// <summary><paramref name="tokens"/> with every run of <paramref name="find"/> replaced, or null when there is none.</summary>
    internal static int[]? ReplaceAll(int[] tokens, int[] find, int[] replace)
    {
        if (find.Length == 0)
        {
            return null;
        }

        var result = new List<int>(tokens.Length + replace.Length);
        var found = false;
        for (var i = 0; i < tokens.Length;)
        {
            if (i + find.Length <= tokens.Length && tokens.AsSpan(i, find.Length).SequenceEqual(find))
            {
                result.AddRange(replace);
                i += find.Length;
                found = true;
            }
            else
            {
                result.Add(tokens[i++]);
            }
        }

        return found ? [.. result] : null;
    }
}
