using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Trajectories;

/// <summary>
/// Builds the policy's context for a turn from exact tokens: the last <see cref="MaxTurns"/> (observation, action)
/// pairs, then the current observation and the action marker:
/// <c>&lt;|observation|&gt; obs &lt;|action|&gt; act &lt;|end_of_action|&gt; ... &lt;|observation|&gt; obs &lt;|action|&gt;</c>.
/// Before those, the <see cref="PastActions"/> turns before them appear as their actions alone
/// (<c>&lt;|action|&gt; act &lt;|end_of_action|&gt;</c>): a few tokens each, enough to tell a policy what it just did.
/// Past actions are the tokens that were sampled, never re-tokenised text. Older turns are dropped first to stay
/// within <see cref="MaxTokens"/>; an observation longer than the budget keeps its end (where the news is).
/// </summary>
public sealed class ContextPolicy(BpeTokenizer tokenizer, int maxTurns = 4, int maxTokens = 384, int pastActions = 0)
{
    public int MaxTurns { get; } = maxTurns >= 0 ? maxTurns : throw new ArgumentOutOfRangeException(nameof(maxTurns));

    public int MaxTokens { get; } = maxTokens >= 8 ? maxTokens : throw new ArgumentOutOfRangeException(nameof(maxTokens));

    /// <summary>How many turns before the last <see cref="MaxTurns"/> show their action without their observation.</summary>
    public int PastActions { get; } = pastActions >= 0 ? pastActions : throw new ArgumentOutOfRangeException(nameof(pastActions));

    /// <summary>How many past turns the context can show in any form: what a caller must keep of an episode's history.</summary>
    public int HistoryTurns => MaxTurns + PastActions;

    public BpeTokenizer Tokenizer => tokenizer;

    /// <summary>The context for the next action, given the past turns' (observation tokens, action tokens) and the current observation.</summary>
    public int[] Build(IReadOnlyList<(int[] Observation, int[] Action)> history, int[] currentObservation)
    {
        var special = tokenizer.Special;
        var current = new List<int>(currentObservation.Length + 2) { special.Observation };
        var budget = MaxTokens - 2;
        current.AddRange(currentObservation.Length <= budget ? currentObservation : currentObservation[^budget..]);
        current.Add(special.Action);

        var past = new List<int[]>();
        var used = current.Count;
        for (var i = history.Count - 1; i >= 0 && past.Count < HistoryTurns; i--)
        {
            var (observation, action) = history[i];
            int[] turn = past.Count < MaxTurns
                ? [special.Observation, .. observation, special.Action, .. action]
                : [special.Action, .. action];
            if (used + turn.Length > MaxTokens)
            {
                break;
            }

            past.Insert(0, turn);
            used += turn.Length;
        }

        return [.. past.SelectMany(t => t), .. current];
    }

    /// <summary>The tokens of an observation text.</summary>
    public int[] Encode(string text) => tokenizer.Encode(text);

    /// <summary>The action text of sampled tokens (special tokens such as end-of-action removed).</summary>
    public string ActionText(IEnumerable<int> actionTokens) =>
        tokenizer.Decode(actionTokens.Where(t => !tokenizer.Special.Contains(t)).ToArray()).Trim();

    /// <summary>The tokens of an action the policy should have produced (for demonstrations): text, then end-of-action.</summary>
    public int[] EncodeAction(string action) => [.. tokenizer.Encode(action), tokenizer.Special.EndOfAction];
}
