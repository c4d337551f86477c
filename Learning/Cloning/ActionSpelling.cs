namespace AgentRL.Learning.Cloning;

/// <summary>
/// How demonstrated actions are written for the policy to learn, without changing what they mean.
/// </summary>
public static class ActionSpelling
{
    /// <summary>
    /// <c>verb[argument]</c> becomes <c>verb[ argument]</c>. A byte-level BPE joins a word to the space before it, so a
    /// word or id read in running text (" B0870A2356") and the same text right after a bracket ("B0870A2356") start with
    /// different tokens: a small policy must learn to translate as well as copy. With the space, the argument's tokens
    /// are the ones on the page. Environments trim the argument (see ActionText), so the action means the same; actions
    /// without a bracket, or with a space after it already, are unchanged.
    /// </summary>
    public static string SpaceInsideBrackets(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var open = action.IndexOf('[', StringComparison.Ordinal);
        return open < 0 || open + 1 >= action.Length || char.IsWhiteSpace(action[open + 1]) || action[open + 1] == ']'
            ? action
            : string.Concat(action.AsSpan(0, open + 1), " ", action.AsSpan(open + 1));
    }
}
